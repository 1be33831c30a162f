variable "token" {
  type      = string
  sensitive = true
  default   = "abc"
}

locals {
  token_length = length(var.token)
}
