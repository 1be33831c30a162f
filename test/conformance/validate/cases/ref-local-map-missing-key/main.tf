locals {
  m = { a = 1 }
}
output "o" {
  value = local.m.b
}
