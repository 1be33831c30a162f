module "inner" {
  source = "./inner"
  count  = 2
  n      = count.index
}

resource "terraform_data" "o" {
  input = module.inner[*].v
}

output "deep" {
  value = terraform_data.o.output
}
