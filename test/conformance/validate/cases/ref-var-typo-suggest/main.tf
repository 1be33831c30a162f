variable "region" {
  default = "x"
}
output "a" {
  value = var.regoin
}
