check "c" {
  assert {
    condition     = true
    error_message = [1]
  }
}
