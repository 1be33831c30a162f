module "new" {
  source = "./mod"
  in     = "x"
}

moved {
  from = module.old
  to   = module.new
}
