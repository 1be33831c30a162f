terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "new" { name = "m" }
moved {
  from = test_thing.old
  to   = test_thing.new
}
