// Node lifecycle: new nodes become Ready; a node marked failed (cairn cluster node fail) turns Ready=Unknown
// and gets the unreachable taints, and its pods are evicted (deleted) unless they tolerate that, so their
// controllers recreate them elsewhere; pods bound to a deleted node are removed the same way.
// Recovery lifts the taints and the node is Ready again.
import type { Node, Pod, Taint } from "../objects/types.js";
import type { WriteOp } from "../store/store.js";
import { toleratesAny } from "../scheduler/match.js";
import { type Controller, type ControllerContext, FAILED_ANNOTATION, condition, setCondition, deleteOp, isPodActive } from "./context.js";

export const UNREACHABLE_TAINTS: readonly Taint[] = [
  { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unreachable", effect: "NoExecute" },
];

export function isNodeFailed(n: Node): boolean {
  return n.metadata.annotations?.[FAILED_ANNOTATION] === "true";
}

export function isNodeReady(n: Node): boolean {
  return n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

export class NodeLifecycleController implements Controller {
  readonly name = "node-lifecycle";
  readonly queue = "node";

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const name of keys) {
      const n = ctx.store.peek("Node", undefined, name) as Node | undefined;
      if (!n) {
        // Pods bound to a node that no longer exists are removed (Kubernetes' pod garbage collection).
        for (const p of ctx.informer.podsOnNode(name)) if (isPodActive(p)) ops.push(deleteOp(p));
        continue;
      }
      const failed = isNodeFailed(n);
      const ready = failed
        ? condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.")
        : condition("Ready", "True", "KubeletReady", "kubelet is posting ready status");
      const conditions = setCondition(n.status?.conditions, ready);
      const others = (n.spec?.taints ?? []).filter((t) => t.key !== "node.kubernetes.io/unreachable");
      const taints = failed ? [...others, ...UNREACHABLE_TAINTS] : others;
      const curReady = n.status?.conditions?.find((c) => c.type === "Ready");
      const taintsChanged = JSON.stringify(taints) !== JSON.stringify(n.spec?.taints ?? []);
      if (curReady?.status !== ready.status || taintsChanged) {
        const spec = { ...n.spec };
        if (taints.length > 0) spec.taints = taints;
        else delete spec.taints;
        ops.push({ op: "update", object: { ...n, metadata: { ...n.metadata }, spec, status: { ...n.status, conditions } } as Node });
      }
      if (failed) {
        // Taint-based eviction, at once (no default 300 s toleration).
        for (const p of ctx.informer.podsOnNode(name)) if (isPodActive(p) && !tolerateForever(p)) ops.push(deleteOp(p));
      }
    }
    return ops;
  }
}

/** A pod tolerating the NoExecute unreachable taint without tolerationSeconds stays (DaemonSet pods do). */
function tolerateForever(p: Pod): boolean {
  const tols = (p.spec.tolerations ?? []).filter((t) => t.tolerationSeconds === undefined);
  return toleratesAny(tols, UNREACHABLE_TAINTS[1]!);
}
