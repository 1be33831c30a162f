variable "1abc" {}
