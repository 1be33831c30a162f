// providers/: the provider interface (schema, validate, configure, read, plan, apply, lookup by client
// token, import, read data source), the object-change rules shared with the planner (objchange/), the
// registry of provider implementations, and the built-in provider terraform.io/builtin/terraform.
// Imports lang (values, diagnostics), addrs and config/schema only; never the
// planner's plan or apply walks, state or cmd. providers/cluster is the cluster provider (separate).

export type * from "./interface.js";
export * from "./schema.js";
export * from "./objchange/index.js";
export { ProviderRegistry, builtinProviders, type ProviderFactory } from "./registry.js";
export { clientTokenFromPrivate, privateWithClientToken } from "./private-data.js";
export { TerraformProvider, terraformProviderSource, dataResourceSchema, dataResourceTypeName } from "./terraform/index.js";
