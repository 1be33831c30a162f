run "variable" {
  command = plan

  assert {
    condition     = var.missing == "a"
    error_message = "variable"
  }
}
