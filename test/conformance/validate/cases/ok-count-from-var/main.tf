variable "n" {
  type = number
}
resource "terraform_data" "a" {
  count = var.n
}
output "o" {
  value = terraform_data.a[*].id
}
