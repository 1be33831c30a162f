module "new" {
  source = "./mod"
  count  = 2
  in     = "i${count.index}"
}

moved {
  from = module.old
  to   = module.new
}
