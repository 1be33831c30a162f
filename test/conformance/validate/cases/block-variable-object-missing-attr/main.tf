variable "a" {
  type    = object({ name = string, size = number })
  default = { name = "x" }
}
