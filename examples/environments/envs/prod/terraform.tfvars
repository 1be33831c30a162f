# prod: six general nodes and three dedicated database nodes over three zones, nine web replicas (three per
# zone), three database replicas (one per database node) with a data and a WAL volume each.
general_pool = { count = 6, cpu = "8", memory = "32Gi", zones = ["zone-a", "zone-b", "zone-c"] }
db_pool      = { count = 3, cpu = "16", memory = "64Gi", zones = ["zone-a", "zone-b", "zone-c"] }

web = {
  replicas  = 9
  resources = { cpu_request = "1", memory_request = "2Gi", cpu_limit = "2", memory_limit = "4Gi" }
}

db = {
  replicas  = 3
  resources = { cpu_request = "8", memory_request = "32Gi", cpu_limit = "12", memory_limit = "48Gi" }
  volumes = [
    { name = "data", size = "100Gi", mount_path = "/var/lib/postgresql/data" },
    { name = "wal", size = "20Gi", mount_path = "/var/lib/postgresql/wal" },
  ]
}
