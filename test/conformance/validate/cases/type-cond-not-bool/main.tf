locals {
  a = "x" ? 1 : 2
}
