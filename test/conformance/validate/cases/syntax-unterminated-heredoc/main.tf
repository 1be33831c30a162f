locals {
  doc = <<EOT
hello
}
