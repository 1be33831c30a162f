output "a" {
  value = count.index
}
