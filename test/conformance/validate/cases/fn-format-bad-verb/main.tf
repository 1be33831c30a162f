locals {
  a = format("%d", "x")
}
