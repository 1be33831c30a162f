locals {
  a = 1 && true
}
