terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
resource "test_thing" "a" {
  name = "a"
  size = 2
  tags = { env = "prod" }
  lifecycle { ignore_changes = [tags] }
}
resource "test_thing" "all" {
  name = "all"
  size = 9
  lifecycle { ignore_changes = all }
}
