variable "ok" {
  type    = bool
  default = false
}

resource "terraform_data" "free" {
  input = "f"
}

resource "terraform_data" "a" {
  input = "x"

  lifecycle {
    precondition {
      condition     = var.ok
      error_message = "not ok"
    }
  }
}
