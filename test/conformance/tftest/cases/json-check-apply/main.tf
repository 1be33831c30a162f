resource "terraform_data" "server" {
  input = "web"
}

check "server_named" {
  assert {
    condition     = terraform_data.server.output == "db"
    error_message = "server is named ${terraform_data.server.output}"
  }
}
