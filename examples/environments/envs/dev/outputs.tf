# Each module's outputs as one object: cluster.nodes/zones/pool_zones, web.placements/replicas_per_zone,
# db.placements/distinct_nodes/claims and the endpoints.
output "cluster" {
  value = module.cluster
}

output "web" {
  value = module.web
}

output "db" {
  value = module.db
}
