// addrs: immutable typed addresses (module paths, resources, instances, named values, providers,
// moved/removed endpoints) with toString()/parse round-trips, a key() for maps and equals(), plus the
// interpretation of expression traversals as references. Imports only lang (positions,
// diagnostics, AST traversal types, values); must not import config, graph, plan or anything above.

export * from "./instance-key.js";
export * from "../lang/hcl-quote.js";
export * from "./module.js";
export * from "./resource.js";
export * from "./named-values.js";
export * from "./provider.js";
export * from "./traversal-parse.js";
export * from "./parse-module.js";
export * from "./parse-target.js";
export * from "./parse-provider.js";
export * from "./endpoints.js";
export * from "./reference.js";
