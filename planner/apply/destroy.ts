// A resource's destroy node in the apply walk: the deletions planned for its instances (current objects,
// deposed ones and create_before_destroy's old objects), once what depends on them is done.

import type { ResourceInstanceChange } from "../plan/model.js";
import type { ApplyWalkContext } from "./apply-context.js";
import { destroyInstance, type InstanceTarget } from "./instance.js";
import { pushTo } from "../eval/multimap.js";

/** The plan's changes by static resource id (all module instances), built once per plan: a scan per destroy node would be O(n²). */
const changesByResource = new WeakMap<object, Map<string, ResourceInstanceChange[]>>();
function changesOf(plan: ApplyWalkContext["plan"], resourceId: string): readonly ResourceInstanceChange[] {
  let m = changesByResource.get(plan);
  if (m === undefined) {
    m = new Map();
    for (const c of plan.resourceChanges) {
      pushTo(m, c.addr.containingResource().config().toString(), c);
    }
    changesByResource.set(plan, m);
  }
  return m.get(resourceId) ?? [];
}

/** Deletes what the plan deletes of one resource (by static resource id), in every module instance. */
export async function destroyResource(ctx: ApplyWalkContext, resourceId: string): Promise<void> {
  const jobs: Promise<unknown>[] = [];
  for (const c of changesOf(ctx.plan, resourceId)) {
    if (c.action !== "delete" && c.action !== "delete-then-create" && c.action !== "create-then-delete") continue;
    const res = c.addr.resource.resource;
    const schema = ctx.providers.resourceSchema(c.providerAddr.provider, res.mode, res.type);
    const provider = ctx.providers.instance(c.providerAddr);
    if (!schema || !provider) continue;
    const t: InstanceTarget = { addr: c.addr, provider, providerAddr: c.providerAddr.toString(), schema, createBeforeDestroy: false };
    // A deposed object planned for deletion names its key; a create_before_destroy replacement's old object
    // got its key when this apply deposed it.
    const deposed = c.deposedKey ?? (c.action === "create-then-delete" ? ctx.deposed.get(c.addr.key()) : undefined);
    if (c.action === "create-then-delete" && deposed === undefined) continue;
    jobs.push(destroyInstance(ctx, t, deposed));
  }
  await Promise.all(jobs);
}
