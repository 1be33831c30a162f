resource "terraform_data" "x" {}
variable "a" {
  validation {
    condition     = terraform_data.x.id != ""
    error_message = "x"
  }
}
