module "m" {
  source   = "./mod"
  for_each = toset(["b", "c"])
  in       = each.key
}

output "outs" {
  value = { for k, m in module.m : k => m.out }
}
