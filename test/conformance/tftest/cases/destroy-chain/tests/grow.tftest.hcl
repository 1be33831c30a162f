run "one" {
  assert {
    condition     = length(terraform_data.item) == 1
    error_message = "one item"
  }
}

run "three" {
  variables {
    names = ["a", "b", "c"]
  }

  assert {
    condition     = output.items == ["a", "b", "c"]
    error_message = "three items"
  }

  assert {
    condition     = terraform_data.index.output == ["a", "b", "c"]
    error_message = "index"
  }
}

run "plan_shrink" {
  command = plan

  variables {
    names = ["z"]
  }

  assert {
    condition     = terraform_data.item[0].input == "z"
    error_message = "planned input"
  }
}
