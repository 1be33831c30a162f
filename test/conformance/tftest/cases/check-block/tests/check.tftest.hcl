run "small" {
  command = plan
}

run "big" {
  command = plan

  variables {
    size = 10
  }
}

run "big_expected" {
  command = plan

  variables {
    size = 10
  }

  expect_failures = [
    check.size_small,
  ]
}
