output "node_names" {
  description = "Every node's name, sorted."
  value       = sort([for n in cluster_node.this : n.name])
}

output "nodes" {
  description = "Each node's pool, zone and capacity, by name."
  value = {
    for name, n in cluster_node.this : name => {
      pool   = n.labels["pool"]
      zone   = n.zone
      cpu    = n.cpu
      memory = n.memory
    }
  }
}

output "zones" {
  description = "The zones the nodes are in, sorted. Workloads that take it wait for the nodes to be planned."
  value       = sort(distinct([for n in cluster_node.this : n.zone]))
}

output "pool_zones" {
  description = "The zones each pool's nodes are in."
  value       = { for pool in keys(var.pools) : pool => sort(distinct([for n in cluster_node.this : n.zone if n.labels["pool"] == pool])) }
}
