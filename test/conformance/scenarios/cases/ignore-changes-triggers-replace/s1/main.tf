variable "rev" {
  type    = string
  default = "1"
}

resource "terraform_data" "a" {
  input            = var.rev
  triggers_replace = var.rev

  lifecycle {
    ignore_changes = [triggers_replace]
  }
}
