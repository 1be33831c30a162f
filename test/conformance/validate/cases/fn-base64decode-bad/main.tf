locals {
  a = base64decode("!!!")
}
