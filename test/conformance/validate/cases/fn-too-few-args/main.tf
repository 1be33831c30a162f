locals {
  a = substr("abc")
}
