run "x" {
  assert {
    condition     = output.x == "x"
    error_message = "x"
  }
}
