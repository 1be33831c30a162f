resource "terraform_data" "x" {}
variable "a" {
  default = terraform_data.x.id
}
