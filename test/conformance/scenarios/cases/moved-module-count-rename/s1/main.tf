module "old" {
  source = "./mod"
  count  = 2
  in     = "i${count.index}"
}
