check "c" {
  assert {
    condition     = true
    error_message = "x"
  }
}
check "c" {
  assert {
    condition     = true
    error_message = "x"
  }
}
