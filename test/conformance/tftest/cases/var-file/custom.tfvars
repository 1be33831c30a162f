tags = {
  team = "platform"
  env  = "ci"
}
