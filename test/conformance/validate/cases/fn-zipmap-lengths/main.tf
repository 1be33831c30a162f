locals {
  a = zipmap(["a", "b"], [1])
}
