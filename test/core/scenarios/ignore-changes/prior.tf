terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" {
  name = "a"
  size = 1
  tags = { env = "dev" }
}
resource "test_thing" "all" {
  name = "all"
  size = 1
}
