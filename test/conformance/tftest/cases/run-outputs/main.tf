variable "prefix" {
  type    = string
  default = "a"
}

resource "terraform_data" "item" {
  input = "${var.prefix}-item"
}

output "name" {
  value = terraform_data.item.output
}
