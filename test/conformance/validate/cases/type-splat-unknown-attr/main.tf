variable "l" {
  type = list(object({ id = string }))
}
output "o" {
  value = var.l[*].name
}
