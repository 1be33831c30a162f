locals {
  base = { x = [1, 2], y = { z = "w" } }
  list = [for i in range(3) : { n = i, sq = i * i }]
}

resource "terraform_data" "a" {
  input = local.base
}

output "list" {
  value = local.list
}

output "merged" {
  value = merge(local.base, { extra = true })
}

output "from_resource" {
  value = terraform_data.a.output.y.z
}
