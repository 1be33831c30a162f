output "a" {
  value = local
}
