variable "n" {
  type    = number
  default = 1
}

check "small" {
  assert {
    condition     = var.n < 5
    error_message = "n is large"
  }
}

output "n" {
  value = var.n
}
