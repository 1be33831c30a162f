# The cluster provider's source address: the same configuration runs in Cairn (built in, or as a plugin)
# and in Terraform or OpenTofu (bin/terraform-provider-cluster through dev_overrides or a filesystem mirror;
# see docs/providers.md).
terraform {
  required_providers {
    cluster = {
      source = "cairn/cluster"
    }
  }
}
