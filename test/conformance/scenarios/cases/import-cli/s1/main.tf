resource "terraform_data" "a" {
  input = "kept"
}

resource "terraform_data" "x" {
  for_each = toset(["one", "two"])
  input    = each.key
}

resource "terraform_data" "plain" {
}
