run "plan_input" {
  command = plan

  assert {
    condition     = terraform_data.greeting.input == "hello world"
    error_message = "unexpected input"
  }
}

run "apply_output" {
  assert {
    condition     = output.greeting == "hello world"
    error_message = "unexpected output"
  }
}
