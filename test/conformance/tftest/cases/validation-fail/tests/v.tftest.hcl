run "short" {
  command = plan

  variables {
    name = "abc"
  }
}

run "long" {
  command = plan

  variables {
    name = "abcdefgh"
  }
}
