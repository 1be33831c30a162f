variable "names" {
  type    = list(string)
  default = ["a"]
}

resource "terraform_data" "item" {
  count = length(var.names)
  input = var.names[count.index]
}

resource "terraform_data" "index" {
  input = terraform_data.item[*].output
}

output "items" {
  value = terraform_data.item[*].output
}
