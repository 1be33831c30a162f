locals {
  s = "x"
}
output "o" {
  value = local.s[*].id
}
