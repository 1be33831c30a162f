run "create" {
}

run "replace_a" {
  plan_options {
    replace = [terraform_data.a]
  }

  assert {
    condition     = terraform_data.a.id != run.create.a
    error_message = "a was replaced"
  }
}

run "target_b" {
  command = plan

  plan_options {
    target = [terraform_data.b]
  }

  assert {
    condition     = terraform_data.b.input == "b"
    error_message = "b"
  }
}

run "refresh_only" {
  command = plan

  plan_options {
    mode = refresh-only
  }
}
