variable "size" {
  type    = number
  default = 3
}

check "size_small" {
  assert {
    condition     = var.size < 5
    error_message = "size is too big"
  }
}
