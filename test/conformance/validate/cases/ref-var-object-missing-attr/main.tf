variable "a" {
  type    = object({ name = string })
  default = { name = "x" }
}
output "o" {
  value = var.a.size
}
