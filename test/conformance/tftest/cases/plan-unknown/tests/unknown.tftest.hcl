run "plan_id" {
  command = plan

  assert {
    condition     = terraform_data.thing.id != ""
    error_message = "no id"
  }
}

run "apply_id" {
  assert {
    condition     = terraform_data.thing.id != ""
    error_message = "no id"
  }
}
