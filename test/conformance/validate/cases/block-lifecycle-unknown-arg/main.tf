resource "terraform_data" "a" {
  lifecycle {
    prevent_destory = true
  }
}
