removed {
  from = terraform_data.keep

  lifecycle {
    destroy = false
  }
}

resource "terraform_data" "other" {
  input = "o"
}
