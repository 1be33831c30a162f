module "m" {
  source   = "./mod"
  for_each = ["a"]
}
