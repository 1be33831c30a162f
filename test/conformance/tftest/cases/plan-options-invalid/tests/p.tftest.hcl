run "bad_mode" {
  command = plan

  plan_options {
    mode    = refresh-only
    refresh = false
  }
}
