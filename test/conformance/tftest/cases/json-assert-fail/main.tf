variable "name" {
  type = string
}

locals {
  shout = upper(var.name)
}

output "shout" {
  value = local.shout
}
