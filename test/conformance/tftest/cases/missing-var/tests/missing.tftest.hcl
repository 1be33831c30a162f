run "no_value" {
  command = plan
}

run "after" {
  command = plan

  variables {
    env = "dev"
  }
}
