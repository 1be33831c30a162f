variable "m" {
  type = map(string)
}
output "o" {
  value = var.m - 1
}
