# A small cluster in Cairn's embedded cluster core (.cairn/cluster in this directory): three nodes over two
# zones plus a tainted GPU node, a database StatefulSet with a volume per replica, a web Deployment spread
# across zones, a log agent on every node, a Service and a Secret.

resource "cluster_node" "pool" {
  count  = 3
  name   = "pool-${count.index + 1}"
  cpu    = "4"
  memory = "16Gi"
  zone   = var.zones[count.index % 2]
}

resource "cluster_node" "gpu" {
  name   = "gpu-1"
  cpu    = "8"
  memory = "32Gi"
  zone   = var.zones[1]
  labels = { accelerator = "nvidia" }

  # Only pods that tolerate the taint land here.
  taint {
    key    = "gpu"
    value  = "true"
    effect = "NoSchedule"
  }
}

resource "cluster_namespace" "app" {
  name = "app"
}

resource "cluster_config" "db_credentials" {
  name           = "db-credentials"
  namespace      = cluster_namespace.app.name
  sensitive_data = { password = var.db_password }
}

resource "cluster_config" "web" {
  name      = "web-settings"
  namespace = cluster_namespace.app.name
  data      = { LOG_LEVEL = "info" }
}

# One replica per node, each with its own 10Gi volume provisioned where the replica lands.
resource "cluster_workload" "db" {
  kind                   = "statefulset"
  name                   = "db"
  namespace              = cluster_namespace.app.name
  replicas               = 2
  image                  = "postgres:16"
  ports                  = [5432]
  cpu_request            = "1"
  memory_request         = "2Gi"
  anti_affinity_hostname = true

  secret_env {
    name   = "POSTGRES_PASSWORD"
    secret = cluster_config.db_credentials.name
    key    = "password"
  }

  volume_claim_template {
    name       = "data"
    size       = "10Gi"
    mount_path = "/var/lib/postgresql/data"
  }

  # The plan-time placement check sees the planned nodes only when they are planned first.
  depends_on = [cluster_node.pool, cluster_node.gpu]
}

resource "cluster_workload" "web" {
  kind           = "deployment"
  name           = "web"
  namespace      = cluster_namespace.app.name
  replicas       = var.web_replicas
  image          = "nginx:1.27"
  ports          = [8080]
  cpu_request    = "250m"
  memory_request = "256Mi"
  env            = { LOG_LEVEL = cluster_config.web.data["LOG_LEVEL"] }

  # At most one replica more in one zone than in the other.
  topology_spread {
    topology_key = "topology.kubernetes.io/zone"
    max_skew     = 1
  }

  timeouts {
    create = "5m"
  }

  depends_on = [cluster_node.pool, cluster_node.gpu]
}

resource "cluster_workload" "trainer" {
  kind           = "deployment"
  name           = "trainer"
  namespace      = cluster_namespace.app.name
  replicas       = 1
  image          = "pytorch/pytorch:2.4"
  cpu_request    = "4"
  memory_request = "16Gi"
  node_selector  = { accelerator = "nvidia" }

  toleration {
    key      = "gpu"
    operator = "Equal"
    value    = "true"
    effect   = "NoSchedule"
  }

  depends_on = [cluster_node.gpu]
}

# Runs on every node, the GPU node included.
resource "cluster_workload" "log_agent" {
  kind           = "daemonset"
  name           = "log-agent"
  namespace      = cluster_namespace.app.name
  image          = "fluent/fluent-bit:3.1"
  cpu_request    = "100m"
  memory_request = "128Mi"

  toleration {
    key      = "gpu"
    operator = "Exists"
    effect   = "NoSchedule"
  }

  depends_on = [cluster_node.pool, cluster_node.gpu]
}

resource "cluster_service" "web" {
  name      = "web"
  namespace = cluster_namespace.app.name
  selector  = { app = cluster_workload.web.name }

  port {
    name        = "http"
    port        = 80
    target_port = 8080
  }
}

data "cluster_capacity" "all" {
  depends_on = [cluster_workload.web, cluster_workload.db, cluster_workload.trainer, cluster_workload.log_agent]
}
