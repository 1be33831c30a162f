variable "name" {
  type = string
}

resource "terraform_data" "setup" {
  input = var.name
}

output "name" {
  value = terraform_data.setup.output
}
