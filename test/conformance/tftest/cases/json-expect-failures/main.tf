variable "port" {
  type = number

  validation {
    condition     = var.port > 1024
    error_message = "The port must be above 1024."
  }
}

output "port" {
  value = var.port

  precondition {
    condition     = var.port != 8080
    error_message = "8080 is reserved."
  }
}
