locals {
  a = lookup({ a = 1 }, "b")
}
