resource "terraform_data" "a" {
  lifecycle {
    postcondition {
      condition = true
    }
  }
}
