locals {
  m = { a = "1", c = "30", d = "4" }
}

resource "terraform_data" "x" {
  for_each = local.m
  input    = "${each.key}=${each.value}"
}

output "x" {
  value = { for k, v in terraform_data.x : k => v.output }
}
