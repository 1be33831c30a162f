locals {
  count = 1
  "a" = 2
}
