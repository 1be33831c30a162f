locals {
  a = lenght([1])
}
