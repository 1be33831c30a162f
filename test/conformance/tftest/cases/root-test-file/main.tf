locals {
  items = ["a", "b", "c"]
}

output "count" {
  value = length(local.items)
}
