output "n" {
  value = null
}

output "s" {
  value = "str"
}

output "l" {
  value = [1, 2, 3]
}

output "m" {
  value = { a = 1, b = "two", c = [true] }
}

output "sec" {
  value     = "hidden"
  sensitive = true
}
