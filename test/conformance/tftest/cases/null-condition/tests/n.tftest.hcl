run "null" {
  command = plan

  assert {
    condition     = var.flag
    error_message = "flag"
  }
}
