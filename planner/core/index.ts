// planner/core: Cairn's tofu.Context. The configuration graph and its transforms (one file each), the scope
// expressions are evaluated in, body decoding with dynamic blocks, sensitive marks by path, provider
// instances, and CoreContext which runs validate/plan/apply over them. May import planner/*, providers/,
// state/ and the ground floor; never operations/ or cmd/.

export { CoreContext, type CoreContextOptions, type PlanOptions, type ApplyOptions, type ApplyResult } from "./context.js";
export { ProviderSet } from "./providers.js";
export { buildConfigGraph, configGraphTransformers } from "./build-graph.js";
export { Targeting } from "./targeting.js";
export type { GraphNode } from "./nodes.js";
