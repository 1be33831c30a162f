variable "name" {
  type    = string
  default = "x"
}
locals {
  a = var.name * 2
}
