output "root" {
  value = "root"
}
