// cluster/api: the Kubernetes-shaped API (registry semantics, HTTP server, discovery, auth) and ClusterClient
// with in-process and HTTP implementations. Imports objects and store; never the controllers.
export * from "./status.js";
export * from "./registry.js";
export * from "./client.js";
export * from "./inprocess-client.js";
export * from "./http-client.js";
export * from "./server.js";
export * from "./token.js";
export * from "./paths.js";
export * from "./discovery.js";
export * from "./merge-patch.js";
export * from "./field-selector.js";
