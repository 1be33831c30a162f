module "m" {
  source   = "./mod"
  for_each = toset(["a", "b"])
  in       = each.key
}

output "outs" {
  value = { for k, m in module.m : k => m.out }
}
