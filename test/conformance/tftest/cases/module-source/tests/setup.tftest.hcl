run "setup" {
  module {
    source = "./modules/setup"
  }

  variables {
    name = "fixture"
  }
}

run "main" {
  assert {
    condition     = run.setup.name == "fixture"
    error_message = "setup output"
  }

  assert {
    condition     = output.root == "root"
    error_message = "root output"
  }
}
