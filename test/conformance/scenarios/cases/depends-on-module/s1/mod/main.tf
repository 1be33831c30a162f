variable "in" {
  type = string
}

resource "terraform_data" "inner" {
  input = var.in
}

resource "terraform_data" "inner2" {
  input = terraform_data.inner.output
}

output "out" {
  value = terraform_data.inner2.output
}
