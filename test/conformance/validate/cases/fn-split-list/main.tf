locals {
  a = split(",", ["a"])
}
