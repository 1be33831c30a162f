resource "terraform_data" "empty" {
}

resource "terraform_data" "nullin" {
  input = null
}

output "empty_out" {
  value = terraform_data.empty.output
}
