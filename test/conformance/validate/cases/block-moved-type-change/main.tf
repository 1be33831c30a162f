resource "terraform_data" "b" {}
moved {
  from = null_resource.a
  to   = terraform_data.b
}
