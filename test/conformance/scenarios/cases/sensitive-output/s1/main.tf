resource "terraform_data" "a" {
  input = sensitive("x")
}

output "s" {
  value     = terraform_data.a.output
  sensitive = true
}

output "obj" {
  value     = { a = 1, b = sensitive("z") }
  sensitive = true
}
