// Node lifecycle: new nodes become Ready; a node marked failed (cairn cluster node fail) turns Ready=Unknown;
// a node whose Ready condition was posted False stays NotReady. As Kubernetes' node lifecycle controller
// (TaintNodesByCondition and taint-based eviction), the condition is mirrored into taints:
// `node.kubernetes.io/unreachable` or `not-ready` with NoSchedule and NoExecute, and a cordoned node
// (spec.unschedulable) gets `node.kubernetes.io/unschedulable:NoSchedule`. The NoExecute taints then evict
// through the taint eviction controller. Pods bound to a deleted node are removed.
import type { Node, Taint } from "../objects/types.js";
import { nowTimestamp } from "../objects/defaults.js";
import type { WriteOp } from "../store/store.js";
import { type Controller, type ControllerContext, FAILED_ANNOTATION, condition, setCondition, deleteOp, isPodActive } from "./context.js";

export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
const MANAGED = new Set([TAINT_UNREACHABLE, TAINT_NOT_READY, TAINT_UNSCHEDULABLE]);

export const UNREACHABLE_TAINTS: readonly Taint[] = [
  { key: TAINT_UNREACHABLE, effect: "NoSchedule" },
  { key: TAINT_UNREACHABLE, effect: "NoExecute" },
];

export function isNodeFailed(n: Node): boolean {
  return n.metadata.annotations?.[FAILED_ANNOTATION] === "true";
}

export function isNodeReady(n: Node): boolean {
  return n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** The taints the node's condition and cordon call for, keeping the timeAdded of ones already there. */
export function conditionTaints(n: Node, readyStatus: "True" | "False" | "Unknown"): Taint[] {
  const want: Taint[] = [];
  const key = readyStatus === "Unknown" ? TAINT_UNREACHABLE : readyStatus === "False" ? TAINT_NOT_READY : undefined;
  if (key) want.push({ key, effect: "NoSchedule" }, { key, effect: "NoExecute" });
  if (n.spec?.unschedulable === true) want.push({ key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" });
  const cur = n.spec?.taints ?? [];
  const others = cur.filter((t) => !MANAGED.has(t.key));
  const managed = want.map((t) => {
    const had = cur.find((c) => c.key === t.key && c.effect === t.effect);
    if (t.effect !== "NoExecute") return t;
    return { ...t, timeAdded: had?.timeAdded ?? nowTimestamp() };
  });
  return [...others, ...managed];
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
      const curReady = n.status?.conditions?.find((c) => c.type === "Ready");
      const ready = isNodeFailed(n)
        ? condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.")
        : curReady?.status === "False"
          ? curReady
          : condition("Ready", "True", "KubeletReady", "kubelet is posting ready status");
      const conditions = setCondition(n.status?.conditions, ready);
      const taints = conditionTaints(n, ready.status as "True" | "False" | "Unknown");
      const taintsChanged = JSON.stringify(taints) !== JSON.stringify(n.spec?.taints ?? []);
      if (curReady?.status !== ready.status || taintsChanged) {
        const spec = { ...n.spec };
        if (taints.length > 0) spec.taints = taints;
        else delete spec.taints;
        ops.push({ op: "update", object: { ...n, metadata: { ...n.metadata }, spec, status: { ...n.status, conditions } } as Node });
      }
    }
    return ops;
  }
}
