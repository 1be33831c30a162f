// cluster/objects: Kubernetes object shapes, quantities, label selectors, defaulting and validation.
// Pure data functions: must not import the store, API, scheduler or controllers.
export * from "./meta.js";
export * from "./types.js";
export * from "./kinds.js";
export * from "./quantity.js";
export * from "./labels.js";
export * from "./defaults.js";
export * from "./field-errors.js";
export * from "./validate.js";
export * from "./policy.js";
