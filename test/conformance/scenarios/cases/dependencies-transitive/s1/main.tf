resource "terraform_data" "c" {
  input = "c"
}

resource "terraform_data" "b" {
  input = terraform_data.c.output
}

resource "terraform_data" "a" {
  input = terraform_data.b.output
}

resource "terraform_data" "z" {
  depends_on = [terraform_data.a, terraform_data.c]
}
