locals {
  l = [1]
  a = "v=${local.l}"
}
