terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" { name = "a" }
resource "test_thing" "b" {
  for_each = toset([test_thing.a.id])
  name     = each.key
}
