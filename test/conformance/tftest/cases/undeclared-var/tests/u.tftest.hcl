variables {
  expected = "y"
}

run "extra" {
  command = plan

  variables {
    a     = "y"
    bogus = 1
  }

  assert {
    condition     = output.a == var.expected
    error_message = "a"
  }
}
