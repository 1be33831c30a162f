resource "terraform_data" "a" {
  input {
    x = 1
  }
}
