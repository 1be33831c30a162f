resource "terraform_data" "a" {
  input = "a"
}

resource "terraform_data" "b" {
  input = "b"
}

output "a" {
  value = terraform_data.a.output
}
