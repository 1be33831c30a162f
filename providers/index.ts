// providers/: the provider interface (schema, validate, configure, read, plan, apply, lookup by client
// token, import, read data source), the object-change rules shared with the planner (objchange/), the
// registry of provider implementations, and the built-in provider terraform.io/builtin/terraform.
// Imports the ground floor (lang, addrs, config) and, for providers/cluster, the cluster core; never the
// planner, state, operations or cmd. providers/cluster is the cluster provider (separate).

export type * from "./interface.js";
export * from "./schema.js";
export * from "./objchange/index.js";
export { ProviderRegistry, builtinProviders, type ProviderFactory } from "./registry.js";
export { clientTokenFromPrivate, privateWithClientToken } from "./private-data.js";
export { TerraformProvider, terraformProviderSource, dataResourceSchema, dataResourceTypeName } from "./terraform/index.js";
