module "m" {
  source = "./mod"
  in     = "x"
}

moved {
  from = terraform_data.r
  to   = module.m.terraform_data.r
}
