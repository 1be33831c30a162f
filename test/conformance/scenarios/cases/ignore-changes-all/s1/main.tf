variable "v" {
  type    = string
  default = "1"
}

resource "terraform_data" "a" {
  input = var.v

  lifecycle {
    ignore_changes = all
  }
}
