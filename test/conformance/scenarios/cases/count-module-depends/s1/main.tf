resource "terraform_data" "base" {
  input = "b"
}

module "m" {
  source     = "./mod"
  count      = 2
  in         = "m${count.index}"
  depends_on = [terraform_data.base]
}
