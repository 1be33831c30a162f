locals {
  a = "say "hi""
}
