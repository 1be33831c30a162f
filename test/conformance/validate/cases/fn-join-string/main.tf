locals {
  a = join(",", "a")
}
