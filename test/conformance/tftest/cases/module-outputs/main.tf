module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}

output "subnet" {
  value = module.net.subnets[0]
}
