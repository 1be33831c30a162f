resource "terraform_data" "x" {}
resource "terraform_data" "a" {
  depends_on = ["terraform_data.x"]
}
