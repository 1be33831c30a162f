locals {
  1name = "x"
}
