check "c" {
  resource "terraform_data" "a" {}
  assert {
    condition     = true
    error_message = "x"
  }
}
