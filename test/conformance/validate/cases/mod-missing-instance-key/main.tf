module "m" {
  source = "./mod"
  count  = 2
}
output "o" {
  value = module.m.id
}
