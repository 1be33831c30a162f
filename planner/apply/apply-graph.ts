// The apply graph (OpenTofu's ApplyGraphBuilder, at resource granularity): the configuration graph, plus a
// "(destroy)" node for every resource with objects to delete, ordered the other way round; built by
// transformers, as the configuration graph is (planner/build), and validated the same way.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import { buildGraph } from "../graph/transform.js";
import { describeNode, type GraphNode } from "../eval/nodes.js";
import type { Plan } from "../plan/model.js";
import { applyChangesOf } from "./apply-changes.js";
import { ConfigGraphTransformer, DestroyEdgeTransformer, DestroyNodesTransformer, OutliveUpdatesTransformer, type ApplyNode } from "./transform-apply.js";

export function buildApplyGraph(config: Graph<GraphNode>, plan: Plan): { graph: Graph<ApplyNode>; diags: Diagnostic[] } {
  const changes = applyChangesOf(config, plan);
  const transformers = [new ConfigGraphTransformer(config), new DestroyNodesTransformer(changes), new DestroyEdgeTransformer(changes), new OutliveUpdatesTransformer(changes)];
  return buildGraph<ApplyNode>(transformers, { describe: (id, n) => (n.kind === "destroy" ? { name: id } : describeNode(id, n)) });
}
