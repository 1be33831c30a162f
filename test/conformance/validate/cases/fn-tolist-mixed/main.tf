locals {
  a = tolist(["a", {}])
}
