locals {
  l = [1, 2]
}
output "o" {
  value = local.l[5]
}
