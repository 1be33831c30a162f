resource "terraform_data" "thing" {
  input = "x"
}
