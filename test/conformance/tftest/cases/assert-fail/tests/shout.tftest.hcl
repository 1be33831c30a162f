variables {
  name = "quiet"
}

run "shouts" {
  command = plan

  assert {
    condition     = local.shout == "QUIET"
    error_message = "not shouting"
  }
}

run "wrong" {
  command = plan

  variables {
    name = "loud"
  }

  assert {
    condition     = output.shout == "QUIET"
    error_message = "expected QUIET, got ${output.shout}"
  }
}
