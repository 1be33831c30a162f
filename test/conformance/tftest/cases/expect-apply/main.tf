variable "size" {
  type = number
}

resource "terraform_data" "disk" {
  input = var.size

  lifecycle {
    precondition {
      condition     = var.size <= 100
      error_message = "The disk is too large."
    }
  }
}
