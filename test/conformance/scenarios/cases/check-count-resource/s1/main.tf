resource "terraform_data" "a" {
  count = 2
  input = count.index
}

check "each" {
  assert {
    condition     = alltrue([for a in terraform_data.a : a.input < 5])
    error_message = "too big"
  }
}
