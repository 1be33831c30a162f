run "low_port" {
  command = plan

  variables {
    port = 80
  }

  expect_failures = [
    var.port,
  ]
}

run "reserved_port" {
  command = plan

  variables {
    port = 8080
  }

  expect_failures = [
    output.port,
  ]
}

run "missing_failure" {
  command = plan

  variables {
    port = 3000
  }

  expect_failures = [
    var.port,
  ]
}
