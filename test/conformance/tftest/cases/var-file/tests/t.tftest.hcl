run "tags" {
  command = plan

  assert {
    condition     = output.tag_count == 2
    error_message = "tags"
  }

  assert {
    condition     = var.tags["team"] == "platform"
    error_message = "team"
  }
}
