// The addresses Cairn serves with built-in providers, known without importing any provider: `init` reports
// them ("built in to Cairn") and needs no implementation, so it does not load the providers' modules.
// builtinProviders() (registry.ts) registers exactly these, in this order.

import { Provider } from "../addrs/index.js";

export const terraformProviderAddr = Provider.implied("terraform");

/**
 * The cluster provider's address, known without importing the provider (the same as providers/cluster's
 * clusterProviderAddr; test/cmd/startup.test.ts checks that).
 */
export const builtinClusterProviderAddr = Provider.implied("cluster");

/**
 * The cluster provider's one published source address, `cairn/cluster`: a configuration that declares it in
 * required_providers works in Cairn (built in, or as a plugin) and in Terraform (bin/terraform-provider-cluster).
 */
export const clusterProviderSourceAddr = new Provider("registry.terraform.io", "cairn", "cluster");

export const builtinProviderAddrs: readonly Provider[] = [terraformProviderAddr, builtinClusterProviderAddr, clusterProviderSourceAddr];
