run "b" {
  assert {
    condition     = output.x == 2
    error_message = "x is not 2"
  }
}
