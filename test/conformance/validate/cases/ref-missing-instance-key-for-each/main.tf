resource "terraform_data" "a" {
  for_each = toset(["x"])
}
output "a" {
  value = terraform_data.a.id
}
