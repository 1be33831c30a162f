variable "s" {
  default = "./mod"
}
module "m" {
  source = var.s
}
