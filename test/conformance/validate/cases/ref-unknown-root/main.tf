output "a" {
  value = foo.bar
}
