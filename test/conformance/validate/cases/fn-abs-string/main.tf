locals {
  a = abs("a")
}
