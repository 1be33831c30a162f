# A stateful database: a StatefulSet whose replicas each get their own claims, kept on distinct nodes, with
# the password in a Secret and a Service on 5432.

resource "cluster_config" "credentials" {
  name           = "${var.name}-credentials"
  namespace      = var.namespace
  sensitive_data = { password = var.password }
}

resource "cluster_workload" "this" {
  kind                   = "statefulset"
  name                   = var.name
  namespace              = var.namespace
  replicas               = var.replicas
  image                  = var.image
  ports                  = [5432]
  cpu_request            = var.resources.cpu_request
  memory_request         = var.resources.memory_request
  cpu_limit              = var.resources.cpu_limit
  memory_limit           = var.resources.memory_limit
  node_selector          = var.node_selector
  anti_affinity_hostname = var.one_per_node

  node_affinity {
    key      = "topology.kubernetes.io/zone"
    operator = "In"
    values   = var.zones
  }

  dynamic "toleration" {
    for_each = var.tolerations
    content {
      key      = toleration.value.key
      operator = toleration.value.operator
      value    = toleration.value.value
      effect   = toleration.value.effect
    }
  }

  secret_env {
    name   = "POSTGRES_PASSWORD"
    secret = cluster_config.credentials.name
    key    = "password"
  }

  dynamic "volume_claim_template" {
    for_each = var.volumes
    content {
      name       = volume_claim_template.value.name
      size       = volume_claim_template.value.size
      mount_path = volume_claim_template.value.mount_path
    }
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
    name        = "postgres"
    port        = 5432
    target_port = 5432
  }
}
