locals {
  a = element([], 0)
}
