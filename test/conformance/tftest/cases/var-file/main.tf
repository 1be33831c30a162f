variable "tags" {
  type = map(string)
}

output "tag_count" {
  value = length(var.tags)
}
