output "n" {
  value = "now set"
}

output "s" {
  value = null
}

output "l" {
  value = tolist(["a"])
}

output "m" {
  value = tomap({ a = 1 })
}
