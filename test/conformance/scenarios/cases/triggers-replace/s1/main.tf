variable "rev" {
  type    = number
  default = 1
}

resource "terraform_data" "a" {
  input            = "same"
  triggers_replace = [var.rev]
}

output "id_changes" {
  value = terraform_data.a.output
}
