variable "v" {
  type    = string
  default = "bad"
}

check "value" {
  assert {
    condition     = var.v == "good"
    error_message = "v is ${var.v}"
  }
}

resource "terraform_data" "a" {
  input = var.v
}
