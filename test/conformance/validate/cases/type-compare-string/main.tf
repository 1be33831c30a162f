locals {
  a = "a" > "b"
}
