module "m" {
  source  = "./mod"
  version = "1.0.0"
}
