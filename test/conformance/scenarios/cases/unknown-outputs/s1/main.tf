resource "terraform_data" "a" {
  input = "x"
}

output "id" {
  value = terraform_data.a.id
}

output "both" {
  value = [terraform_data.a.id, "k"]
}
