resource "terraform_data" "a" {
  settings {
  }
}
