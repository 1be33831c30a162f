terraform {
  required_versions = ">= 1.0"
}
