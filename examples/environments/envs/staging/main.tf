# staging: prod's shape at a smaller size. One pool over two zones; web spread over both, two database
# replicas on different nodes.

resource "cluster_namespace" "app" {
  name   = "app"
  labels = { env = "staging" }
}

module "cluster" {
  source      = "../../modules/cluster-base"
  name_prefix = "staging"
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
  env       = { ENV = "staging", LOG_LEVEL = "info" }

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
