resources "terraform_data" "a" {
}
