run "first" {
  variables {
    prefix = "one"
  }
}

run "second" {
  variables {
    prefix = run.first.name
  }

  assert {
    condition     = output.name == "one-item-item"
    error_message = "chained value was ${output.name}"
  }

  assert {
    condition     = run.first.name == "one-item"
    error_message = "first run output"
  }
}
