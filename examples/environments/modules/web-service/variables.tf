variable "name" {
  description = "The Deployment's and the Service's name; pods carry app = NAME."
  type        = string
}

variable "namespace" {
  type = string
}

variable "image" {
  type = string
}

variable "replicas" {
  type = number
}

variable "resources" {
  description = "Requests (what the scheduler reserves) and limits per replica, as Kubernetes quantities."
  type = object({
    cpu_request    = string
    memory_request = string
    cpu_limit      = optional(string)
    memory_limit   = optional(string)
  })
}

variable "zones" {
  description = <<-EOT
    The zones replicas may run in (required node affinity) and are spread over (max_skew). Pass the
    cluster-base module's zones output so that this workload is planned after the nodes.
  EOT
  type        = list(string)
}

variable "max_skew" {
  description = "Largest allowed difference in replicas between two zones."
  type        = number
  default     = 1
}

variable "node_selector" {
  description = "Node labels a replica's node must have (e.g. { pool = \"general\" })."
  type        = map(string)
  default     = {}
}

variable "port" {
  description = "The container port; the Service exposes it on port 80."
  type        = number
  default     = 8080
}

variable "env" {
  type    = map(string)
  default = {}
}
