# dev: a small single-zone cluster. One pool runs everything; the database is a single replica.

resource "cluster_namespace" "app" {
  name   = "app"
  labels = { env = "dev" }
}

module "cluster" {
  source      = "../../modules/cluster-base"
  name_prefix = "dev"
  pools       = { general = var.general_pool }
}

module "web" {
  source    = "../../modules/web-service"
  name      = "web"
  namespace = cluster_namespace.app.name
  image     = "nginx:1.27"
  replicas  = var.web.replicas
  resources = var.web.resources
  zones     = module.cluster.zones
  env       = { ENV = "dev", LOG_LEVEL = "debug" }

  # The plan-time placement check sees the planned nodes only when they are planned first.
  depends_on = [module.cluster]
}

module "db" {
  source    = "../../modules/stateful-db"
  name      = "db"
  namespace = cluster_namespace.app.name
  replicas  = var.db.replicas
  resources = var.db.resources
  volumes   = var.db.volumes
  zones     = module.cluster.zones
  password  = var.db_password

  depends_on = [module.cluster]
}
