run "output" {
  command = plan

  assert {
    condition     = output.b == "a"
    error_message = "output"
  }
}
