locals {
  a = true ? "x" : { a = 1 }
}
