variable "password" {
  type      = string
  sensitive = true
}

output "password" {
  value     = var.password
  sensitive = true
}

output "length" {
  value = nonsensitive(length(var.password))
}
