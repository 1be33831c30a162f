locals {
  a = provider::nope::thing("x")
}
