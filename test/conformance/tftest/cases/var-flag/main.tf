variable "env" {
  type = string
}

variable "replicas" {
  type = number
}

output "summary" {
  value = "${var.env}:${var.replicas}"
}
