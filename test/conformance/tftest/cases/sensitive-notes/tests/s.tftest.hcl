run "token" {
  command = plan

  assert {
    condition     = var.token == "xyz" && local.token_length == 3
    error_message = "token"
  }
}
