module "m" {
  source   = "./mod"
  count    = 1
  for_each = {}
}
