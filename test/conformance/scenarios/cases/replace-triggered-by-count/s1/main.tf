variable "v" {
  type    = list(string)
  default = ["a", "b"]
}

resource "terraform_data" "src" {
  count = 2
  input = var.v[count.index]
}

resource "terraform_data" "dst" {
  count = 2
  input = "d${count.index}"

  lifecycle {
    replace_triggered_by = [terraform_data.src[count.index]]
  }
}
