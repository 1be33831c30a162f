module "m" {
  source = "./mod"
}
output "a" {
  value = module.m.nope
}
