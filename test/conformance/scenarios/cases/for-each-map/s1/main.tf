locals {
  m = { a = "1", b = "2", c = "3" }
}

resource "terraform_data" "x" {
  for_each = local.m
  input    = "${each.key}=${each.value}"
}

output "x" {
  value = { for k, v in terraform_data.x : k => v.output }
}
