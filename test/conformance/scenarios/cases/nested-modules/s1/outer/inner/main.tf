variable "n" {
  type = number
}

resource "terraform_data" "i" {
  input = var.n * 10
}

output "v" {
  value = terraform_data.i.output
}
