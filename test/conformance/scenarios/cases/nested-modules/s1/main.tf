module "outer" {
  source = "./outer"
}

output "deep" {
  value = module.outer.deep
}
