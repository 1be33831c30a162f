terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" {
  name = "a"
  lifecycle {
    create_before_destroy = true
  }
}
