resource "terraform_data" "a" {
  count = 2
  input = count.index
}

output "o" {
  value = length(terraform_data.a)
}
