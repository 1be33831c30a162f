variable "a" {
  nullable = "no"
}
