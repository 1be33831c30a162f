resource "terraform_data" "web" {}
output "a" {
  value = terraform_data.wbe.id
}
