output "a" {
  value = data.http.x.body
}
