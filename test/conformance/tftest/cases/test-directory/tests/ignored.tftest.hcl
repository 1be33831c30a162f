run "ignored" {
  assert {
    condition     = output.x == "not x"
    error_message = "this file is not in the test directory"
  }
}
