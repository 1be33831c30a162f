variable "env" {
  type = string
}

output "env" {
  value = var.env
}
