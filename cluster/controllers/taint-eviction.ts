// Taint-based eviction (Kubernetes' NoExecuteTaintManager): a pod on a node with a NoExecute taint it does not
// tolerate is evicted at once; one that tolerates every NoExecute taint for a limited time (tolerationSeconds)
// is evicted when the shortest of those times runs out, unless the taints go first. Evicted pods are deleted,
// so their controllers recreate them elsewhere. Queue keys: a node name, or `pod:<namespace>/<name>`.
import type { Node, Pod, Taint, Toleration } from "../objects/types.js";
import type { WriteOp } from "../store/store.js";
import { tolerates } from "../scheduler/match.js";
import { type Controller, type ControllerContext, deleteOp, isPodActive } from "./context.js";

/**
 * For each taint the first toleration that tolerates it (Kubernetes' GetMatchingTolerations); undefined when a
 * taint is not tolerated at all.
 */
function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((tol) => tolerates(tol, taint));
    if (!t) return undefined;
    used.push(t);
  }
  return used;
}

/** Seconds until eviction, or -1 for never (no toleration has tolerationSeconds); 0 or less means now. */
export function minTolerationSeconds(used: readonly Toleration[]): number {
  let min = -1;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    if (min < 0 || t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min;
}

export class TaintEvictionController implements Controller {
  readonly name = "taint-eviction";
  readonly queue = "noexecute";
  /** Pod key -> when it is to be evicted (ms since the epoch). */
  private readonly due = new Map<string, number>();
  /** Pod key -> the eviction time a wake-up is already set for (one timer per pod and time). */
  private readonly armed = new Map<string, number>();

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    const seen = new Set<string>();
    const visit = (p: Pod, node: Node | undefined) => {
      const key = `${p.metadata.namespace ?? "default"}/${p.metadata.name}`;
      if (seen.has(key)) return;
      seen.add(key);
      const op = this.check(ctx, key, p, node);
      if (op) ops.push(op);
    };
    for (const k of keys) {
      if (k.startsWith("pod:")) {
        const p = ctx.informer.pod(k.slice(4));
        if (!p?.spec.nodeName) {
          this.forget(k.slice(4));
          continue;
        }
        visit(p, ctx.store.peek("Node", undefined, p.spec.nodeName) as Node | undefined);
      } else {
        const node = ctx.store.peek("Node", undefined, k) as Node | undefined;
        for (const p of ctx.informer.podsOnNode(k)) visit(p, node);
      }
    }
    return ops;
  }

  private check(ctx: ControllerContext, key: string, p: Pod, node: Node | undefined): WriteOp | undefined {
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === "NoExecute");
    if (!isPodActive(p) || taints.length === 0) {
      this.forget(key);
      return undefined;
    }
    const used = matchingTolerations(taints, p.spec.tolerations ?? []);
    const seconds = used ? minTolerationSeconds(used) : 0;
    if (seconds < 0) {
      this.forget(key);
      return undefined;
    }
    const now = ctx.now();
    let at = this.due.get(key);
    if (at === undefined) {
      // As Kubernetes, an eviction already scheduled keeps its time when the taints change.
      at = now + seconds * 1000;
      this.due.set(key, at);
    }
    if (at <= now) {
      this.forget(key);
      return deleteOp(p);
    }
    if (this.armed.get(key) !== at) {
      this.armed.set(key, at);
      // A few ms late rather than early: a timer may fire a millisecond before its time.
      ctx.after(at - now + 5, this.queue, `pod:${key}`);
    }
    return undefined;
  }

  private forget(key: string): void {
    this.due.delete(key);
    this.armed.delete(key);
  }

  abandon(): void {
    // The deletes are retried from the queued keys; scheduled times stay.
  }
}
