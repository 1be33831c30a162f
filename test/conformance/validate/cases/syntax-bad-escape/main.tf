locals {
  a = "a\qb"
}
