variable "general_pool" {
  description = "The general node pool: how many nodes, their size and the zones they are spread over."
  type        = object({ count = number, cpu = string, memory = string, zones = list(string) })
}

variable "db_pool" {
  description = "The dedicated database pool (tainted dedicated=db:NoSchedule, labelled pool = db)."
  type        = object({ count = number, cpu = string, memory = string, zones = list(string) })
}

variable "web" {
  description = "Web replicas and the requests/limits of each (quantities such as \"250m\", \"256Mi\")."
  type = object({
    replicas  = number
    resources = object({ cpu_request = string, memory_request = string, cpu_limit = optional(string), memory_limit = optional(string) })
  })
}

variable "db" {
  description = "Database replicas, the requests/limits of each, and the claims each replica gets."
  type = object({
    replicas  = number
    resources = object({ cpu_request = string, memory_request = string, cpu_limit = optional(string), memory_limit = optional(string) })
    volumes   = list(object({ name = string, size = string, mount_path = string }))
  })
}

variable "db_password" {
  description = "Set it with TF_VAR_db_password; the default is for trying the example only."
  type        = string
  sensitive   = true
  default     = "change-me-please"
}
