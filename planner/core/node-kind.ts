// What a graph node does in each walk, owned by its kind (OpenTofu's node types, each with its own Execute
// per walk operation), and how a kind's work is repeated over the module instances the node runs in.

import type { ModuleInstance } from "../../addrs/module.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { ApplyWalkContext } from "../apply/apply-context.js";
import { nodeInstances, nodeScopeIn } from "../eval/module-scopes.js";
import type { GraphNode } from "../eval/nodes.js";
import type { PlanWalkContext } from "../plan/walk-context.js";
import type { ValidateInstanceContext, ValidateWalkContext } from "../validate/context.js";

export type NodeOfKind<K extends GraphNode["kind"]> = Extract<GraphNode, { kind: K }>;

export interface NodeKind<N extends GraphNode> {
  /** The validate walk: once per module instance, with unknown input values; nothing is planned. */
  validate(whole: ValidateWalkContext, node: N, id: string): Diagnostic[];
  /** The plan walk: the node's part of the plan (evaluate, configure, plan changes). */
  plan(whole: PlanWalkContext, node: N, id: string): Promise<Diagnostic[]> | Diagnostic[];
  /** The apply walk: the node's part of carrying out the plan. */
  apply(whole: ApplyWalkContext, node: N): Promise<Diagnostic[]> | Diagnostic[];
}

/** Runs `visit` in every module instance the node runs in, one after another, with that instance's scope. */
export function validateEach(whole: ValidateWalkContext, node: GraphNode, visit: (ctx: ValidateInstanceContext) => Diagnostic[]): Diagnostic[] {
  return nodeInstances(whole.modules, node).flatMap((mi) => visit({ ...whole, moduleInstance: mi, scope: nodeScopeIn(whole.modules, node, mi, whole.providers) }));
}

export function planIn(whole: PlanWalkContext, node: GraphNode, mi: ModuleInstance): PlanWalkContext {
  return { ...whole, moduleInstance: mi, scope: nodeScopeIn(whole.modules, node, mi, whole.providers) };
}

/** As validateEach, for the plan walk (in order: instances of one node share nothing but their order). */
export async function planEach(whole: PlanWalkContext, node: GraphNode, visit: (ctx: PlanWalkContext) => Promise<Diagnostic[]> | Diagnostic[]): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  for (const mi of nodeInstances(whole.modules, node)) diags.push(...(await visit(planIn(whole, node, mi))));
  return diags;
}

/**
 * As validateEach, for the apply walk: instances run concurrently, each reporting its own failures. Objects
 * in module instances no longer configured are deleted by the destroy nodes; nodes run in live ones.
 */
export async function applyEach(whole: ApplyWalkContext, node: GraphNode, visit: (ctx: ApplyWalkContext) => Promise<Diagnostic[]> | Diagnostic[]): Promise<Diagnostic[]> {
  const results = await Promise.all(
    nodeInstances(whole.modules, node).map((mi) => visit({ ...whole, failures: [], moduleInstance: mi, scope: nodeScopeIn(whole.modules, node, mi, whole.providers) })),
  );
  return results.flat();
}
