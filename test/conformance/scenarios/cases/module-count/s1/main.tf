variable "n" {
  type    = number
  default = 2
}

module "m" {
  source = "./mod"
  count  = var.n
  in     = "n${count.index}"
}

output "outs" {
  value = module.m[*].out
}
