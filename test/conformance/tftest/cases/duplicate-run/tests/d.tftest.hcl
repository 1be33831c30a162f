run "same" {
  command = plan
}

run "same" {
  command = plan
}
