run "too_large_plan" {
  command = plan

  variables {
    size = 500
  }

  expect_failures = [
    terraform_data.disk,
  ]
}

run "too_large_apply" {
  variables {
    size = 500
  }

  expect_failures = [
    terraform_data.disk,
  ]
}
