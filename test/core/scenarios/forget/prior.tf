terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" {
  name = "kept"
  size = 3
}
resource "test_thing" "b" { name = "stays" }
