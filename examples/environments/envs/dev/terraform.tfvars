# dev: two small nodes in one zone, two web replicas, one database replica.
general_pool = { count = 2, cpu = "2", memory = "4Gi", zones = ["zone-a"] }

web = {
  replicas  = 2
  resources = { cpu_request = "100m", memory_request = "128Mi" }
}

db = {
  replicas  = 1
  resources = { cpu_request = "250m", memory_request = "512Mi" }
  volumes   = [{ name = "data", size = "5Gi", mount_path = "/var/lib/postgresql/data" }]
}
