variable "zones" {
  type    = set(string)
  default = ["a", "b"]
}

module "zone" {
  source   = "./modules/zone"
  for_each = var.zones
  name     = each.key
}

output "zones" {
  value = { for k, m in module.zone : k => m.label }
}
