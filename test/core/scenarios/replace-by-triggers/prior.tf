terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" {
  name = "a"
  size = 1
}
resource "test_thing" "b" {
  name = "b"
  lifecycle { replace_triggered_by = [test_thing.a] }
}
