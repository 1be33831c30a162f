run "unexpected" {
}

run "expected" {
  expect_failures = [
    check.server_named,
  ]
}
