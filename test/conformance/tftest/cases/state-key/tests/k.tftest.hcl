run "first" {
  state_key = "one"

  variables {
    name = "first"
  }
}

run "second" {
  state_key = "two"

  variables {
    name = "second"
  }
}

run "first_again" {
  state_key = "one"
  command   = plan

  variables {
    name = "first"
  }

  assert {
    condition     = terraform_data.named.output == "first"
    error_message = "the first state is kept under its key"
  }
}
