output "name" {
  value = cluster_workload.this.name
}

output "replicas" {
  value = cluster_workload.this.replicas
}

output "placements" {
  description = "Each replica's node and zone."
  value       = { for p in cluster_workload.this.placements : p.replica => { node = p.node, zone = p.zone } }
}

output "distinct_nodes" {
  description = "How many different nodes the replicas run on (equals replicas with one_per_node)."
  value       = length(distinct([for p in cluster_workload.this.placements : p.node]))
}

output "claims" {
  description = "The claims the StatefulSet makes, TEMPLATE-NAME-ORDINAL, with their sizes."
  value = merge([
    for i in range(var.replicas) : { for v in var.volumes : "${v.name}-${var.name}-${i}" => v.size }
  ]...)
}

output "endpoint" {
  value = "${cluster_service.this.cluster_ip}:5432"
}
