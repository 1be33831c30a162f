variable "a" {
  default = 1
  validation {
    condition     = var.a > 5
    error_message = "too small"
  }
}
