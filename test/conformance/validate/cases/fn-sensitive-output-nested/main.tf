variable "s" {
  default   = "x"
  sensitive = true
}
output "o" {
  value = { a = var.s }
}
