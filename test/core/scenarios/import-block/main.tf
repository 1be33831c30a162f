terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "x" { name = "pre" }
import {
  to = test_thing.x
  id = "thing-1"
}
removed {
  from = test_thing.seed
  lifecycle { destroy = false }
}
