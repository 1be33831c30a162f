variable "name_prefix" {
  description = "Prefix of every node name (\"dev\" gives dev-general-1, dev-general-2, ...)."
  type        = string
}

variable "pools" {
  description = <<-EOT
    Node pools by name. Each pool's nodes are spread round-robin over its zones and carry the label
    pool = <name> besides the pool's own labels; taints keep workloads that do not tolerate them away.
  EOT
  type = map(object({
    count  = number
    cpu    = string
    memory = string
    pods   = optional(string, "110")
    zones  = list(string)
    labels = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
  }))

  validation {
    condition     = alltrue([for p in values(var.pools) : p.count >= 1 && length(p.zones) >= 1])
    error_message = "Every pool needs at least one node and one zone."
  }
}
