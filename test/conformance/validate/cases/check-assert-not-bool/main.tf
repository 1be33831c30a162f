check "c" {
  assert {
    condition     = "yes"
    error_message = "x"
  }
}
