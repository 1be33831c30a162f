output "a" {
  value = path.home
}
