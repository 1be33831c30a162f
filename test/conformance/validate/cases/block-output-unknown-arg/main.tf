output "a" {
  value = 1
  sensitve = true
}
