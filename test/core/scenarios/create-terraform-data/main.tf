variable "name" { default = "web" }
resource "terraform_data" "a" {
  input = { name = var.name, tags = ["x", "y"] }
}
resource "terraform_data" "b" {
  input            = terraform_data.a.output
  triggers_replace = [terraform_data.a.id]
}
output "name" { value = terraform_data.a.output.name }
