resource "terraform_data" "a" {
  input = "x"

  lifecycle {
    prevent_destroy = true
  }
}

resource "terraform_data" "b" {
  input = "y"
}
