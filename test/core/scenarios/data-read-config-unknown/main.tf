terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" {
  name = "zone-a"
}
data "test_thing" "by_name" { name = test_thing.a.zone }
resource "terraform_data" "use" { input = data.test_thing.by_name.zone }
