terraform {
  required_version = "banana"
}
