module "m" {
  source = "./mod"
}
module "m" {
  source = "./mod"
}
