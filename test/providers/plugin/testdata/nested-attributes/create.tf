terraform {
  required_providers {
    nested = { source = "example.com/test/nested" }
  }
}

resource "nested_thing" "a" {
  name = "a"
  credentials = {
    user  = "admin"
    token = "t1"
  }
  settings = {
    mode     = "fast"
    password = "hunter2"
  }
  rules = [
    { port = 80 },
    { port = 443, protocol = "udp" },
  ]
  tags = [
    { key = "team", value = "infra" },
  ]
  limits = {
    cpu = { max = 2 }
  }
}
