locals {
  a = flatten(1)
}
