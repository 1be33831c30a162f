run "region" {
  command = plan

  assert {
    condition     = output.region == "eu-west"
    error_message = "region"
  }
}
