variable "v" {
  type = number
}
output "o" {
  value = keys(var.v)
}
