locals {
  n = 1
  a = local.n.x
}
