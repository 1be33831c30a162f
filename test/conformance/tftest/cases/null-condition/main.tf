variable "flag" {
  type    = bool
  default = null
}

output "flag" {
  value = var.flag
}
