variable "a" {
  type    = string
  default = "x"
}
output "o" {
  value = var.a.name
}
