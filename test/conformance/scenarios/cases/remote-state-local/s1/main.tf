data "terraform_remote_state" "other" {
  backend = "local"

  config = {
    path = "${path.module}/other.tfstate"
  }
}

resource "terraform_data" "a" {
  input = data.terraform_remote_state.other.outputs.name
}

output "nums" {
  value = data.terraform_remote_state.other.outputs.nums
}
