terraform {
  required_providers {
    nested = { source = "example.com/test/nested" }
  }
}

resource "nested_thing" "a" {
  name = "a"
  credentials = {
    user  = "admin"
    token = "t2"
  }
  settings = {
    mode     = "slow"
    size     = 3
    password = "hunter3"
  }
  rules = [
    { port = 8080 },
    { port = 443, protocol = "udp" },
  ]
  tags = [
    { key = "team", value = "platform" },
    { key = "env" },
  ]
  limits = {
    mem = { max = 4 }
  }
}
