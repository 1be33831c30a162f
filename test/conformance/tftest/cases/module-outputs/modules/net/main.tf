variable "cidr" {
  type = string
}

output "subnets" {
  value = [for i in range(3) : cidrsubnet(var.cidr, 8, i)]
}
