resource "terraform_data" "a" {
  for_each = { x = 0, y = 1 }
  input    = each.value
}

moved {
  from = terraform_data.a[0]
  to   = terraform_data.a["x"]
}

moved {
  from = terraform_data.a[1]
  to   = terraform_data.a["y"]
}
