resource "terraform_data" "a" {
  input = "x"
}

output "o" {
  value = "two"
}

output "p" {
  value = terraform_data.a.output
}
