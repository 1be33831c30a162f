locals {
  ids = { one = "id-1", two = "id-2" }
}

import {
  for_each = local.ids
  to       = module.m[each.key].terraform_data.r
  id       = each.value
}

module "m" {
  source   = "./mod"
  for_each = local.ids
  in       = each.key
}
