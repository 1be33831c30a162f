variables {
  password = "hunter2"
}

run "length" {
  command = plan

  assert {
    condition     = output.length == 7
    error_message = "length"
  }

  assert {
    condition     = output.password == "swordfish"
    error_message = "wrong password"
  }
}
