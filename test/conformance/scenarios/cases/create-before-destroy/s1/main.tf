variable "v" {
  type    = number
  default = 1
}

resource "terraform_data" "a" {
  triggers_replace = var.v

  lifecycle {
    create_before_destroy = true
  }
}

resource "terraform_data" "b" {
  input = terraform_data.a.id
}
