variable "a" {
  type    = string
  default = "x"
}

output "a" {
  value = var.a
}
