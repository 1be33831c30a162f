terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" { name = "a" }
data "test_thing" "by_name" { name = "a" }
output "zone" { value = data.test_thing.by_name.zone }
