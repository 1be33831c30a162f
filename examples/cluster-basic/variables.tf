variable "zones" {
  description = "The two zones the node pool is spread over."
  type        = list(string)
  default     = ["zone-a", "zone-b"]
}

variable "web_replicas" {
  description = "Replicas of the web deployment, spread evenly over the zones."
  type        = number
  default     = 6
}

variable "db_password" {
  description = "The database password, stored in a Secret and never shown in plans."
  type        = string
  sensitive   = true
  default     = "change-me-please"
}
