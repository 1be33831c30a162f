// DaemonSet controller: one pod per eligible node (node affinity/selector, taints with the DaemonSet default
// tolerations), pinned with a matchFields node affinity and placed by the scheduler as Kubernetes does;
// rolling update one node at a time; desiredNumberScheduled / numberReady status.
import type { DaemonSet, Node, Pod, Toleration, NodeSelectorTerm } from "../objects/types.js";
import type { WriteOp } from "../store/store.js";
import { NodeInfo } from "../scheduler/node-info.js";
import { nodeMatchesSelectorAndAffinity, toleratesAny } from "../scheduler/match.js";
import {
  type Controller, type ControllerContext, resolveKeys, isPodReady, isPodActive, templateHash, generateName,
  podFromTemplate, statusUpdate, sameJson, deleteOp,
} from "./context.js";

const HASH_LABEL = "controller-revision-hash";

/** Tolerations the DaemonSet controller adds to its pods (they stay on not-ready, unreachable, cordoned nodes). */
export const DAEMONSET_TOLERATIONS: readonly Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

function withDefaultTolerations(own: readonly Toleration[] | undefined): Toleration[] {
  const out = [...(own ?? [])];
  for (const t of DAEMONSET_TOLERATIONS) if (!out.some((o) => o.key === t.key && o.effect === t.effect)) out.push(t);
  return out;
}

/**
 * Kubernetes' NodeShouldRunDaemonPod: `shouldRun` when a new pod would be accepted (NoSchedule and NoExecute
 * taints tolerated); `shouldContinue` when an existing pod may stay (only NoExecute taints count).
 */
export function daemonNodeFit(ds: DaemonSet, node: Node, tolerations: readonly Toleration[]): { shouldRun: boolean; shouldContinue: boolean } {
  const info = new NodeInfo(node);
  const spec = ds.spec.template.spec;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!nodeMatchesSelectorAndAffinity(info, spec.nodeSelector, terms)) return { shouldRun: false, shouldContinue: false };
  let shouldRun = true;
  let shouldContinue = true;
  for (const t of info.taints) {
    if (t.effect === "PreferNoSchedule" || toleratesAny(tolerations, t)) continue;
    shouldRun = false;
    if (t.effect === "NoExecute") shouldContinue = false;
  }
  return { shouldRun, shouldContinue };
}

export class DaemonSetController implements Controller {
  readonly name = "daemonset";
  readonly queue = "DaemonSet";

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    const targets = resolveKeys(ctx.store, "DaemonSet", keys);
    if (targets.length === 0) return ops;
    const nodes = ctx.store.scan("Node") as Node[];
    for (const o of targets) {
      const ds = o as DaemonSet;
      ops.push(...this.syncOne(ctx, ds, nodes, ctx.informer.podsOwnedBy(ds.metadata.uid).filter(isPodActive)));
    }
    return ops;
  }

  private syncOne(ctx: ControllerContext, ds: DaemonSet, nodes: Node[], pods: Pod[]): WriteOp[] {
    const ops: WriteOp[] = [];
    const ns = ds.metadata.namespace ?? "default";
    const hash = templateHash(ds.spec.template);
    const tolerations = withDefaultTolerations(ds.spec.template.spec.tolerations);
    const byNode = new Map<string, Pod[]>();
    for (const p of pods) {
      const target = targetNode(p);
      if (!target) continue;
      let l = byNode.get(target);
      if (!l) byNode.set(target, (l = []));
      l.push(p);
    }
    const wanted = new Set<string>();
    const keep = new Set<string>();
    for (const n of nodes) {
      const fit = daemonNodeFit(ds, n, tolerations);
      if (fit.shouldRun) wanted.add(n.metadata.name);
      if (fit.shouldContinue) keep.add(n.metadata.name);
    }
    for (const n of wanted) {
      const list = byNode.get(n) ?? [];
      if (list.length === 0) {
        const name = generateName(ctx.store, "Pod", ns, `${ds.metadata.name}-`);
        const pod = podFromTemplate(ds, ds.spec.template, name, { [HASH_LABEL]: hash });
        pod.spec.tolerations = tolerations;
        pod.spec.affinity = { ...(pod.spec.affinity ?? {}), nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: pinTo(n, pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms) } } };
        ops.push({ op: "create", object: pod });
      } else if (list.length > 1) {
        for (const extra of list.slice(1)) ops.push(deleteOp(extra));
      }
    }
    for (const [n, list] of byNode) if (!wanted.has(n) && !keep.has(n)) for (const p of list) ops.push(deleteOp(p));
    // Rolling update (maxUnavailable 1): replace one outdated pod when every other pod is Ready.
    const current = [...wanted].flatMap((n) => byNode.get(n)?.slice(0, 1) ?? []);
    if (current.length === wanted.size && current.every(isPodReady)) {
      const stale = current.find((p) => p.metadata.labels?.[HASH_LABEL] !== hash);
      if (stale) ops.push(deleteOp(stale));
    }
    const scheduled = current.filter((p) => p.spec.nodeName);
    const ready = current.filter(isPodReady).length;
    const status = {
      observedGeneration: ds.metadata.generation,
      desiredNumberScheduled: wanted.size,
      currentNumberScheduled: scheduled.length,
      numberReady: ready,
      numberAvailable: ready,
      numberUnavailable: wanted.size - ready,
      numberMisscheduled: [...byNode.keys()].filter((n) => !wanted.has(n)).length,
      updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.[HASH_LABEL] === hash).length,
    };
    if (!sameJson(status, ds.status)) ops.push(statusUpdate(ds, status));
    return ops;
  }
}

/** The template's terms each ANDed with `metadata.name In [node]` (or just that, when there are none). */
export function pinTo(node: string, terms: readonly NodeSelectorTerm[] | undefined): NodeSelectorTerm[] {
  const field = { key: "metadata.name", operator: "In" as const, values: [node] };
  if (!terms || terms.length === 0) return [{ matchFields: [field] }];
  return terms.map((t) => ({ ...t, matchFields: [field] }));
}

/** The node a DaemonSet pod is meant for (its matchFields pin), or where it runs. */
function targetNode(p: Pod): string | undefined {
  const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === "metadata.name" && f.values?.length === 1) return f.values[0];
  return p.spec.nodeName;
}
