module "m" {
  source = "./mod"
  n      = "x"
}
