variable "name" {
  type = string

  validation {
    condition     = length(var.name) <= 5
    error_message = "The name must be at most 5 characters."
  }
}

output "name" {
  value = var.name
}
