// The three walks over a graph (Terraform's walkValidate, walkPlan, walkApply): the same walker, each node
// doing what its kind does in that walk (node-kinds.ts). What differs per walk is what happens before a node's
// kind runs, and how many nodes run at once.

import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import { walk, type WalkSummary } from "../graph/walk.js";
import type { ApplyWalkContext } from "../apply/apply-context.js";
import type { ApplyNode } from "../apply/transform-apply.js";
import { destroyResource } from "../apply/destroy.js";
import { cachedNodeExpressions } from "../eval/node-refs.js";
import { nodeModule, type GraphNode } from "../eval/nodes.js";
import { selfReferenceDiags } from "../eval/self-reference.js";
import type { PlanWalkContext } from "../plan/walk-context.js";
import type { ValidateWalkContext } from "../validate/context.js";
import { lifecycleDiags, staticReferenceDiags } from "../validate/references.js";
import { kindOf } from "./node-kinds.js";

export async function runValidateWalk(graph: Graph<GraphNode>, ctx: ValidateWalkContext): Promise<Diagnostic[]> {
  // One at a time: nothing waits on a provider, and diagnostics then come in the graph's order.
  const summary = await walk(graph, async (node, id) => ({ diags: validateNode(ctx, node, id) }), { parallelism: 1 });
  return summary.diags;
}

function validateNode(ctx: ValidateWalkContext, node: GraphNode, id: string): Diagnostic[] {
  const module = ctx.configs.get(nodeModule(node).toString());
  // References are checked once per node (they do not differ between instances), before any evaluation:
  // a node whose references are wrong is not evaluated, as in Terraform.
  if (module !== undefined && node.kind !== "module") {
    const refDiags = staticReferenceDiags(cachedNodeExpressions(node, ctx.providers), module, ctx.providers);
    if (node.kind === "resource" && node.config?.managed !== undefined) refDiags.push(...lifecycleDiags(node.config, ctx.providers));
    if (hasErrors(refDiags)) return refDiags;
  }
  return kindOf(node).validate(ctx, node, id);
}

export async function runPlanWalk(graph: Graph<GraphNode>, ctx: PlanWalkContext, parallelism: number, signal?: AbortSignal): Promise<Diagnostic[]> {
  const summary = await walk(graph, async (node, id) => ({ diags: await planNode(ctx, node, id) }), { parallelism, signal });
  return summary.diags;
}

async function planNode(ctx: PlanWalkContext, node: GraphNode, id: string): Promise<Diagnostic[]> {
  const self = selfReferenceDiags(node, id, ctx.providers);
  if (self.length > 0) return self;
  return kindOf(node).plan(ctx, node, id);
}

/**
 * -parallelism bounds provider operations (the semaphore), not graph nodes: an operation waiting for the
 * journal's group commit holds no slot, so more nodes than that are in flight and one fsync covers many of
 * them, as Terraform's walker also starts every ready node and bounds only provider calls. The node bound
 * only caps memory.
 */
const nodesPerSlot = 32;

export function runApplyWalk(graph: Graph<ApplyNode>, ctx: ApplyWalkContext, parallelism: number, signal?: AbortSignal): Promise<WalkSummary> {
  return walk(graph, async (node) => ({ diags: await applyNode({ ...ctx, failures: [] }, node) }), { parallelism: parallelism * nodesPerSlot, signal });
}

async function applyNode(ctx: ApplyWalkContext, node: ApplyNode): Promise<Diagnostic[]> {
  if (node.kind === "destroy") {
    await destroyResource(ctx, node.resourceId);
    return ctx.failures;
  }
  return kindOf(node).apply(ctx, node);
}
