variable "name" {
  description = "The StatefulSet's name; replicas are NAME-0, NAME-1, ..."
  type        = string
}

variable "namespace" {
  type = string
}

variable "image" {
  type    = string
  default = "postgres:16"
}

variable "replicas" {
  type = number
}

variable "resources" {
  description = "Requests and limits per replica, as Kubernetes quantities."
  type = object({
    cpu_request    = string
    memory_request = string
    cpu_limit      = optional(string)
    memory_limit   = optional(string)
  })
}

variable "volumes" {
  description = "Claims each replica gets (one claim per template and replica: NAME-DB-ORDINAL), provisioned where it lands."
  type = list(object({
    name       = string
    size       = string
    mount_path = string
  }))

  validation {
    condition     = length(var.volumes) >= 1
    error_message = "A database needs at least one volume."
  }
}

variable "one_per_node" {
  description = "Required anti-affinity: no two replicas on the same node."
  type        = bool
  default     = true
}

variable "zones" {
  description = "The zones replicas may run in. Pass the cluster-base module's zones (or pool_zones) output."
  type        = list(string)
}

variable "node_selector" {
  type    = map(string)
  default = {}
}

variable "tolerations" {
  description = "Taints the replicas tolerate (e.g. a dedicated database pool's taint)."
  type = list(object({
    key      = string
    operator = optional(string, "Equal")
    value    = optional(string)
    effect   = optional(string)
  }))
  default = []
}

variable "password" {
  description = "Stored in a Secret; never shown in plans."
  type        = string
  sensitive   = true
}
