output "a" {
  value = module.net.id
}
