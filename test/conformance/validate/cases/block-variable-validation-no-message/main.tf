variable "a" {
  validation {
    condition = true
  }
}
