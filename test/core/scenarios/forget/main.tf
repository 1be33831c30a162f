terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "b" { name = "stays" }

removed {
  from = test_thing.a
  lifecycle {
    destroy = false
  }
}
