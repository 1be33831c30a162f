run "two_zones" {
  assert {
    condition     = output.zones == { a = "zone-a", b = "zone-b" }
    error_message = "zones"
  }

  assert {
    condition     = length(module.zone) == 2
    error_message = "module instances"
  }
}

run "one_zone" {
  variables {
    zones = ["c"]
  }

  assert {
    condition     = keys(output.zones) == ["c"]
    error_message = "zones are ${jsonencode(output.zones)}"
  }
}
