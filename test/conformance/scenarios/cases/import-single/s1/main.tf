import {
  to = terraform_data.x
  id = "imported-id"
}

resource "terraform_data" "x" {
  input = "v"
}
