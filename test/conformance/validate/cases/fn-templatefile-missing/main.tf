locals {
  a = templatefile("t.tpl", {})
}
