# The cluster's nodes, pool by pool. A module call is single-instance today, so the repetition lives here:
# one cluster_node per (pool, ordinal), keyed by the node's name so that growing a pool adds nodes at the end
# and never renames (replaces) the existing ones.

locals {
  nodes = merge([
    for pool, p in var.pools : {
      for i in range(p.count) : "${var.name_prefix}-${pool}-${i + 1}" => {
        pool   = pool
        cpu    = p.cpu
        memory = p.memory
        pods   = p.pods
        zone   = p.zones[i % length(p.zones)]
        labels = merge(p.labels, { pool = pool })
        taints = p.taints
      }
    }
  ]...)
}

resource "cluster_node" "this" {
  for_each = local.nodes

  name   = each.key
  cpu    = each.value.cpu
  memory = each.value.memory
  pods   = each.value.pods
  zone   = each.value.zone
  labels = each.value.labels

  dynamic "taint" {
    for_each = each.value.taints
    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = taint.value.effect
    }
  }
}
