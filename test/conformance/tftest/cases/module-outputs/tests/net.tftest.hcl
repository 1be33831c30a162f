run "subnets" {
  command = plan

  assert {
    condition     = length(module.net.subnets) == 3
    error_message = "three subnets"
  }

  assert {
    condition     = output.subnet == "10.0.1.0/24"
    error_message = "first subnet is ${output.subnet}"
  }
}
