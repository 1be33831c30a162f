variable "secret" {
  type    = string
  default   = "s3cr3t"
  sensitive = true
}

resource "terraform_data" "a" {
  input = {
    public = "p"
    secret = var.secret
    list   = ["x", var.secret]
  }
}

output "public" {
  value = terraform_data.a.output.public
}
