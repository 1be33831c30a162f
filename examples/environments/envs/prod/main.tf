# prod: three zones. The general pool runs web, spread evenly over the zones; a dedicated database pool,
# tainted so that nothing else lands there, runs one database replica per node with separate data and WAL
# volumes.

resource "cluster_namespace" "app" {
  name   = "app"
  labels = { env = "prod" }
}

module "cluster" {
  source      = "../../modules/cluster-base"
  name_prefix = "prod"
  pools = {
    general = var.general_pool
    db = merge(var.db_pool, {
      labels = { workload = "database" }
      taints = [{ key = "dedicated", value = "db", effect = "NoSchedule" }]
    })
  }
}

module "web" {
  source        = "../../modules/web-service"
  name          = "web"
  namespace     = cluster_namespace.app.name
  image         = "nginx:1.27"
  replicas      = var.web.replicas
  resources     = var.web.resources
  zones         = module.cluster.pool_zones["general"]
  node_selector = { pool = "general" }
  env           = { ENV = "prod", LOG_LEVEL = "warn" }

  depends_on = [module.cluster]
}

module "db" {
  source        = "../../modules/stateful-db"
  name          = "db"
  namespace     = cluster_namespace.app.name
  replicas      = var.db.replicas
  resources     = var.db.resources
  volumes       = var.db.volumes
  zones         = module.cluster.pool_zones["db"]
  node_selector = { pool = "db" }
  tolerations   = [{ key = "dedicated", value = "db", effect = "NoSchedule" }]
  password      = var.db_password

  depends_on = [module.cluster]
}
