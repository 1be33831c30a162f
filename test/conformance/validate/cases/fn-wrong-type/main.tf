locals {
  a = length(5)
}
