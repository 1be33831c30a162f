run "local" {
  command = plan

  assert {
    condition     = local.nothing == "a"
    error_message = "local"
  }
}
