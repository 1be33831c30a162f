resource "terraform_data" "a" {
  input = "x"
}

check "after_apply" {
  assert {
    condition     = terraform_data.a.output == "x"
    error_message = "output differs"
  }
}

check "two" {
  assert {
    condition     = length(terraform_data.a.id) > 0
    error_message = "no id"
  }
  assert {
    condition     = terraform_data.a.input != ""
    error_message = "empty input"
  }
}
