module "old" {
  source = "./mod"
  in     = "x"
}
