# A stateless web workload: a Deployment limited to the given zones and spread evenly over them, and a
# Service in front of it.

resource "cluster_workload" "this" {
  kind           = "deployment"
  name           = var.name
  namespace      = var.namespace
  replicas       = var.replicas
  image          = var.image
  ports          = [var.port]
  env            = var.env
  cpu_request    = var.resources.cpu_request
  memory_request = var.resources.memory_request
  cpu_limit      = var.resources.cpu_limit
  memory_limit   = var.resources.memory_limit
  node_selector  = var.node_selector

  node_affinity {
    key      = "topology.kubernetes.io/zone"
    operator = "In"
    values   = var.zones
  }

  topology_spread {
    topology_key = "topology.kubernetes.io/zone"
    max_skew     = var.max_skew
  }

  timeouts {
    create = "5m"
    update = "5m"
  }
}

resource "cluster_service" "this" {
  name      = var.name
  namespace = var.namespace
  selector  = { app = cluster_workload.this.name }

  port {
    name        = "http"
    port        = 80
    target_port = var.port
  }
}
