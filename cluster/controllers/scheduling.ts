// The scheduler loop: every pending pod (no nodeName) is scheduled in creation order; placements are assumed
// in the cache at once (so the next pod sees them) and all bindings of a pass are written in one transaction.
// Unschedulable pods get PodScheduled=False with Kubernetes' message, and are retried only after the cluster
// changed (the cache version moved).
import { recordEvent } from "./events.js";
import type { Pod } from "../objects/types.js";
import type { WriteOp } from "../store/store.js";
import { makePodInfo } from "../scheduler/pod-info.js";
import { type Controller, type ControllerContext, condition, setCondition, isPodActive } from "./context.js";

export class SchedulingController implements Controller {
  readonly name = "scheduler";
  readonly queue = "scheduler";
  /** Pod key -> cache version at which it last failed. */
  private readonly failedAt = new Map<string, number>();
  private assumed: string[] = [];

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const everything = keys.includes("*");
    const fresh = new Set(keys);
    const pending: Pod[] = [];
    for (const p of ctx.informer.pending.values()) {
      if (p.spec.nodeName || !isPodActive(p)) continue;
      if ((p.spec.schedulerName ?? "default-scheduler") !== "default-scheduler") continue;
      pending.push(p);
    }
    if (pending.length === 0) {
      this.failedAt.clear();
      return [];
    }
    // Creation order: the revision at which each pod was created is not kept, so uid-free FIFO by timestamp+name.
    pending.sort((a, b) => {
      const ta = a.metadata.creationTimestamp ?? "";
      const tb = b.metadata.creationTimestamp ?? "";
      return ta < tb ? -1 : ta > tb ? 1 : a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
    });
    const ops: WriteOp[] = [];
    this.assumed = [];
    const live = new Set<string>();
    // Identical pods (same owner, labels and spec) that failed at the same cache version fail the same way:
    // every node was examined and nothing changed since, so the verdict is reused instead of recomputed.
    // This keeps a large unschedulable Deployment from costing replicas x nodes filter calls per pass.
    const verdicts = new Map<string, { version: number; message: string }>();
    for (const p of pending) {
      const info = makePodInfo(p);
      live.add(info.key);
      const failed = this.failedAt.get(info.key);
      if (failed !== undefined && failed === ctx.cache.version && !everything && !fresh.has(info.key)) continue;
      // The signature costs a serialisation: only worth it once something failed in this pass.
      let sig = verdicts.size > 0 ? signature(p) : undefined;
      const known = sig === undefined ? undefined : verdicts.get(sig);
      const r = known && known.version === ctx.cache.version
        ? { node: undefined, message: known.message }
        : ctx.scheduler.schedule(info);
      if (r.node) {
        ctx.cache.addPod(info, r.node);
        this.assumed.push(info.key);
        this.failedAt.delete(info.key);
        const conditions = setCondition(p.status?.conditions, condition("PodScheduled", "True"));
        ops.push({
          op: "update",
          object: { ...p, metadata: { ...p.metadata }, spec: { ...p.spec, nodeName: r.node }, status: { ...p.status, phase: "Pending", conditions } } as Pod,
        });
        ops.push(...recordEvent(ctx.store, p, "Normal", "Scheduled", `Successfully assigned ${p.metadata.namespace ?? "default"}/${p.metadata.name} to ${r.node}`, "default-scheduler"));
      } else {
        this.failedAt.set(info.key, ctx.cache.version);
        const msg = r.message ?? "";
        sig ??= signature(p);
        verdicts.set(sig, { version: ctx.cache.version, message: msg });
        const cur = p.status?.conditions?.find((c) => c.type === "PodScheduled");
        if (cur?.status === "False" && cur.message === msg) continue;
        const conditions = setCondition(p.status?.conditions, condition("PodScheduled", "False", "Unschedulable", msg));
        ops.push({ op: "update", object: { ...p, metadata: { ...p.metadata }, status: { ...p.status, phase: "Pending", conditions } } as Pod });
        ops.push(...recordEvent(ctx.store, p, "Warning", "FailedScheduling", msg, "default-scheduler"));
      }
    }
    for (const k of this.failedAt.keys()) if (!live.has(k)) this.failedAt.delete(k);
    // Placements can make room for a pod that failed earlier in this pass (e.g. a spread's minimum rose):
    // one more pass retries those, and passes stop once one binds nothing.
    if (this.assumed.length > 0 && this.failedAt.size > 0) ctx.informer.enqueue("scheduler", "*");
    return ops;
  }

  abandon(ctx: ControllerContext): void {
    for (const k of this.assumed) ctx.cache.removePod(k);
    this.assumed = [];
  }
}

/** What makes two pending pods interchangeable for the scheduler. */
function signature(p: Pod): string {
  const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid ?? p.metadata.name;
  return `${p.metadata.namespace ?? ""}|${owner}|${JSON.stringify(p.metadata.labels ?? {})}|${JSON.stringify(p.spec)}`;
}
