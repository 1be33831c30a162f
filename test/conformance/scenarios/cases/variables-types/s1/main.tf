variable "untyped" {
  default = "d"
}

variable "num" {
  type    = number
  default = 1
}

variable "obj" {
  type = object({ a = string, b = optional(number, 7) })
  default = { a = "x" }
}

resource "terraform_data" "a" {
  input = [var.untyped, var.num, var.obj]
}

output "obj" {
  value = var.obj
}
