variable "name" {
  type = string
}

resource "terraform_data" "zone" {
  input = "zone-${var.name}"
}

output "label" {
  value = terraform_data.zone.output
}
