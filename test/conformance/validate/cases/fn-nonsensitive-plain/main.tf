output "o" {
  value = nonsensitive("x")
}
