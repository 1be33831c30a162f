terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
variable "ports" { default = [80, 443] }
resource "test_thing" "a" {
  name = "a"
  dynamic "rule" {
    for_each = var.ports
    content { port = rule.value }
  }
}
