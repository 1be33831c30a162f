run "count" {
  command = plan

  assert {
    condition     = output.count == 3
    error_message = "count"
  }

  assert {
    condition     = local.items == ["a", "b"]
    error_message = "items differ"
  }
}
