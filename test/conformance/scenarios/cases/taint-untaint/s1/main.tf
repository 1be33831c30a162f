resource "terraform_data" "a" {
  count = 2
  input = "v${count.index}"
}

resource "terraform_data" "b" {
  input = terraform_data.a[0].output
}

output "b" {
  value = terraform_data.b.output
}
