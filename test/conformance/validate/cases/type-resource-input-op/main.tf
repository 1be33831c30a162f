variable "name" {
  type = list(string)
}
resource "terraform_data" "a" {
  input = var.name + 1
}
