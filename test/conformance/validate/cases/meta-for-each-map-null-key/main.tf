resource "terraform_data" "a" {
  for_each = { for k in ["a"] : k => null }
}
