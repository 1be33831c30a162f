locals {
  a = merge({ a = 1 }, "b")
}
