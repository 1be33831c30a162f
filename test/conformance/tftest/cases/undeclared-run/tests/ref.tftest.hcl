run "first" {
  command = plan
}

run "second" {
  command = plan

  assert {
    condition     = run.frist.x == 1
    error_message = "x"
  }
}
