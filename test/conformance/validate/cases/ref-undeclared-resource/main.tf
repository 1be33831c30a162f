output "a" {
  value = terraform_data.web.id
}
