locals {
  name "web"
}
