terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" {
  for_each = toset(["x", "y"])
  name     = each.key
}
