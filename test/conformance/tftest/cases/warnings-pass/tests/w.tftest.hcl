run "fine" {
  command = plan

  variables {
    n = 2
    extra = true
  }
}

run "apply_fine" {
  variables {
    n = 3
  }

  assert {
    condition     = output.n == 3
    error_message = "n"
  }
}
