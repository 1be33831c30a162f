resource "terraform_data" "a" {
  dynamic "setting" {
    for_each = [1]
    content {
    }
  }
}
