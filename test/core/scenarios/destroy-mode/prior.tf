terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" { name = "a" }
resource "test_thing" "b" { name = "b${test_thing.a.id}" }
output "b" { value = test_thing.b.id }
