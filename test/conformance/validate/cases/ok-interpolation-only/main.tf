variable "v" {
  default = "x"
}
output "o" {
  value = "${var.v}"
}
