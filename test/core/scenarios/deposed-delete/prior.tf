terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" { name = "a" }
