terraform {
  required_providers {
    test = { source = "example.com/test/test" }
  }
}
variable "pw" {
  default   = "hunter2"
  sensitive = true
}
resource "test_thing" "a" {
  name     = "a"
  password = var.pw
  tags     = { secret = var.pw, plain = "p" }
}
output "pw" {
  value     = var.pw
  sensitive = true
}
