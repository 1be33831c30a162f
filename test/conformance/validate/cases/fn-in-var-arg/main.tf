variable "v" {
  type = string
}
resource "terraform_data" "a" {
  input = length(var.v, 1)
}
