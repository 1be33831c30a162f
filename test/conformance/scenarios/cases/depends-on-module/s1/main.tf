module "m" {
  source = "./mod"
  in     = "v"
}

resource "terraform_data" "after" {
  depends_on = [module.m]
}

resource "terraform_data" "uses" {
  input = module.m.out
}
