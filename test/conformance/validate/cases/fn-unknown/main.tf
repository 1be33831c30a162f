locals {
  a = uppercase("x")
}
