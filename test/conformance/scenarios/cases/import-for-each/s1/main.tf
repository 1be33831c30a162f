locals {
  names = toset(["a", "b"])
}

import {
  for_each = local.names
  to       = terraform_data.x[each.key]
  id       = "id-${each.key}"
}

resource "terraform_data" "x" {
  for_each = local.names
  input    = each.key
}
