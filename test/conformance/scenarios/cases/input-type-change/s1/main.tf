resource "terraform_data" "a" {
  input = "string"
}
