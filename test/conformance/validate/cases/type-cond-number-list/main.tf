variable "b" {
  type = bool
}
output "o" {
  value = var.b ? 1 : [1]
}
