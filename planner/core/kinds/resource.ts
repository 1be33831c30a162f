// A resource (managed or data), per resource rather than per instance: the validate walk checks its body
// with unknown values, the plan walk plans every instance (and deletes what state holds in module instances
// the configuration no longer has), the apply walk carries out the planned changes.

import type { Diagnostic } from "../../../lang/diagnostics.js";
import { applyResource } from "../../apply/resource.js";
import { planDataResource } from "../../plan/data.js";
import { planManagedResource } from "../../plan/managed.js";
import { validateResource } from "../../validate/resource.js";
import { applyEach, planIn, validateEach, type NodeKind, type NodeOfKind } from "../node-kind.js";
import type { ModuleInstance } from "../../../addrs/module.js";
import type { PlanWalkContext } from "../../plan/walk-context.js";

type ResourceNode = NodeOfKind<"resource">;

export const resourceKind: NodeKind<ResourceNode> = {
  validate: (whole, node) => validateEach(whole, node, (ctx) => (node.config === undefined ? [] : validateResource(ctx, node.config))),

  async plan(whole, node, id): Promise<Diagnostic[]> {
    const live = whole.modules.instancesOf(node.addr.module);
    // The root module has one instance and never an orphaned one: no lists to gather (once per resource).
    if (node.addr.module.isRoot() && live.length === 1) return planInModule(whole, node, id, live[0]!);
    const liveKeys = new Set(live.map((mi) => mi.toString()));
    const orphans = node.addr.module.isRoot() ? [] : whole.state.moduleInstancesOf(node.addr).filter((mi) => !liveKeys.has(mi.toString()));
    const planOne = (mi: ModuleInstance, orphanModule: boolean) => planInModule(whole, node, id, mi, orphanModule);
    const results = await Promise.all([...live.map((mi) => planOne(mi, false)), ...orphans.map((mi) => planOne(mi, true))]);
    return results.flat();
  },

  apply: (whole, node) =>
    applyEach(whole, node, async (ctx) => {
      await applyResource(ctx, node);
      return ctx.failures;
    }),
};

function planInModule(whole: PlanWalkContext, node: ResourceNode, id: string, mi: ModuleInstance, orphanModule = false): Promise<Diagnostic[]> {
  const ctx = planIn(whole, node, mi);
  return node.addr.resource.mode === "data" ? planDataResource(ctx, node, id, orphanModule) : planManagedResource(ctx, node, orphanModule);
}
