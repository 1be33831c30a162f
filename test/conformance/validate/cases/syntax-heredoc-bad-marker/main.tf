locals {
  a = <<
EOT
}
