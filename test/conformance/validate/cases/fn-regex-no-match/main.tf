locals {
  a = regex("[0-9]+", "abc")
}
