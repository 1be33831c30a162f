resource "terraform_data" "a" {
  input = { now = ["an", "object"] }
}
