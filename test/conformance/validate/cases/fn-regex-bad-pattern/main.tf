locals {
  a = regex("(", "abc")
}
