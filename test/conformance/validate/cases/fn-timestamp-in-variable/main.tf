variable "a" {
  default = timestamp()
}
