variable "n" {
  type = string
}
resource "terraform_data" "a" {
  count = var.n
}
