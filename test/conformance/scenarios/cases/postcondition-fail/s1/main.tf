variable "want" {
  type    = string
  default = "x"
}

resource "terraform_data" "a" {
  input = "x"

  lifecycle {
    postcondition {
      condition     = self.output == var.want
      error_message = "output is ${self.output}"
    }
  }
}
