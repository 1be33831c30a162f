variable "n" {
  type = object({ a = number })
}
resource "terraform_data" "a" {
  count = var.n
}
