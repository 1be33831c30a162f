run "from_flags" {
  command = plan

  assert {
    condition     = output.summary == "prod:3"
    error_message = "summary was ${output.summary}"
  }
}
