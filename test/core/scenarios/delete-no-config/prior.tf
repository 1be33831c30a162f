terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" { name = "a" }
resource "test_thing" "gone" { name = "gone" }
