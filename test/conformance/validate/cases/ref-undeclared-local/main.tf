output "a" {
  value = local.name
}
