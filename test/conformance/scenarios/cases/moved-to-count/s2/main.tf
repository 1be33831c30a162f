resource "terraform_data" "a" {
  count = 2
  input = "x"
}

moved {
  from = terraform_data.a
  to   = terraform_data.a[1]
}
