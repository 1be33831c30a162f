output "web_placements" {
  description = "Each web replica with its node and zone."
  value       = { for p in cluster_workload.web.placements : p.replica => "${p.node} (${p.zone})" }
}

output "db_placements" {
  description = "Each database replica and its node (one per node)."
  value       = { for p in cluster_workload.db.placements : p.replica => p.node }
}

output "trainer_node" {
  value = cluster_workload.trainer.placements[0].node
}

output "web_endpoint" {
  value = "${cluster_service.web.cluster_ip}:80"
}

output "free_cpu_cores" {
  value = data.cluster_capacity.all.cpu_free
}
