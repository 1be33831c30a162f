resource "terraform_data" "a" {
  lifecycle {
    precondition {
      error_message = "x"
    }
  }
}
