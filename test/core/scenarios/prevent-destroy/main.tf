terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" {
  name = "new"
  lifecycle { prevent_destroy = true }
}
