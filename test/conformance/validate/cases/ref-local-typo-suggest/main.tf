locals {
  name = "x"
}
output "a" {
  value = local.nmae
}
