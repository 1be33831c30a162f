run "bad" {
  command = destroy
}
