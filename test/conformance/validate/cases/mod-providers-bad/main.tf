module "m" {
  source    = "./mod"
  providers = "x"
}
