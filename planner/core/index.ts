// planner/core: Cairn's tofu.Context, the roof of the engine. CoreContext builds the graphs (planner/build)
// and runs the validate, plan and apply walks (planner/plan, planner/apply) over what they share
// (planner/eval). May import planner/*, providers/, state/ and the ground floor; never operations/ or cmd/.

export { CoreContext, type CoreContextOptions, type PlanOptions, type ApplyOptions, type ApplyResult } from "./context.js";
export { ProviderSet } from "../eval/providers.js";
export { buildConfigGraph, configGraphTransformers } from "../build/build-graph.js";
export { Targeting } from "../eval/targeting.js";
export type { GraphNode } from "../eval/nodes.js";
