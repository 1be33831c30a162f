module "m" {
  source = "./mod"
  count  = "x"
}
