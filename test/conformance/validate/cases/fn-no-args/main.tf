locals {
  a = max()
}
