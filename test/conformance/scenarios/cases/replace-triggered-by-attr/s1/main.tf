variable "v" {
  type    = string
  default = "1"
}

resource "terraform_data" "src" {
  input = var.v
}

resource "terraform_data" "dst" {
  input = "fixed"

  lifecycle {
    replace_triggered_by = [terraform_data.src.output]
  }
}
