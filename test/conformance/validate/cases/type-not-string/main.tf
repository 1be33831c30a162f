locals {
  a = !"x"
}
