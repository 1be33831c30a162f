resource "terraform_data" "gone" {
  count = 2
  input = "g"
}
