// planner/graph: the dependency graph container, the transform pipeline that builds it, the iterative graph
// algorithms (topological order, cycles, reachability, transitive reduction), DOT output and the parallel
// walker. It knows nothing about resources or HCL: nodes are opaque payloads keyed by string ids.
// Imports allowed: lang/pos.ts and lang/diagnostics.ts only.

export { Graph, type GraphOptions, type NodeDescription, type NodeDescriber, type DependencyEdge } from "./graph.js";
export { indexGraph, type IndexedGraph, type Adjacency } from "./indexed.js";
export { topologicalOrder, topologicalIndices, type TopologicalOrder } from "./topo.js";
export { findCycles, stronglyConnectedComponents } from "./cycles.js";
export { cycleDiagnostic } from "./cycle-diagnostic.js";
export { withTransitiveDependencies, withTransitiveDependents } from "./reach.js";
export { transitiveReduction } from "./reduce.js";
export { toDot, type DotOptions } from "./dot.js";
export { buildGraph, validateGraph, type GraphTransformer, type BuiltGraph } from "./transform.js";
export { walk, type WalkResult, type WalkOptions, type WalkSummary, type NodeOutcome, type NodeStatus, type Visitor } from "./walk.js";
