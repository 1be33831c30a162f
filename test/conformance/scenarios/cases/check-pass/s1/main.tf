resource "terraform_data" "a" {
  input = "ok"
}

check "known" {
  assert {
    condition     = terraform_data.a.input == "ok"
    error_message = "not ok"
  }
}
