# staging: three nodes over two zones, four web replicas (two per zone), two database replicas on
# different nodes.
general_pool = { count = 3, cpu = "4", memory = "8Gi", zones = ["zone-a", "zone-b"] }

web = {
  replicas  = 4
  resources = { cpu_request = "250m", memory_request = "256Mi", cpu_limit = "500m", memory_limit = "512Mi" }
}

db = {
  replicas  = 2
  resources = { cpu_request = "1", memory_request = "2Gi" }
  volumes   = [{ name = "data", size = "20Gi", mount_path = "/var/lib/postgresql/data" }]
}
