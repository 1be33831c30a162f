variable "v" {
  default = 1
}
module "m" {
  source     = "./mod"
  depends_on = [var.v]
}
