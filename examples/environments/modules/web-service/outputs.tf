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

output "replicas_per_zone" {
  description = "How many replicas run in each zone (the spread)."
  value       = { for z in var.zones : z => length([for p in cluster_workload.this.placements : p if p.zone == z]) }
}

output "nodes" {
  description = "The nodes running at least one replica, sorted."
  value       = sort(distinct([for p in cluster_workload.this.placements : p.node]))
}

output "endpoint" {
  value = "${cluster_service.this.cluster_ip}:80"
}
