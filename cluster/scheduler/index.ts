// cluster/scheduler: the scheduling framework, its plugins, the incremental cache, and the plan-time simulator.
// Imports only cluster/objects (never the store or the API), so the provider can run it at plan time.
export * from "./framework.js";
export * from "./cache.js";
export * from "./node-info.js";
export * from "./pod-info.js";
export * from "./scheduler.js";
export * from "./simulate.js";
export * from "./messages.js";
export * from "./profile.js";
