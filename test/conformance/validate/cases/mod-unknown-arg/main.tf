module "m" {
  source = "./mod"
  nope   = 1
}
