terraform {
  experiments = [bogus]
}
