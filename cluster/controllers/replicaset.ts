// ReplicaSet controller: keeps spec.replicas pods from the template (owned by the ReplicaSet), removing the
// least useful first when there are too many; status counts them as Kubernetes does.
import type { Pod, ReplicaSet, ReplicaSetStatus } from "../objects/types.js";
import type { WriteOp } from "../store/store.js";
import { matchLabelSelector } from "../objects/labels.js";
import {
  type Controller, type ControllerContext, resolveKeys, isPodReady, isPodActive, generateName, podFromTemplate,
  statusUpdate, sameJson, deleteOp,
} from "./context.js";
import { recordEvent } from "./events.js";
import type { KubeObject } from "../objects/meta.js";
import type { LimitRange } from "../objects/policy.js";
import { admitLimits, aggregateMessage } from "../api/limit-ranger.js";
import { admitQuota } from "../api/resource-quota.js";

/** How long a ReplicaSet whose pod creation was refused (quota, limit range) waits before trying again. */
const REFUSED_RETRY_MS = 5_000;

/** Which pods to remove first when scaling down: unscheduled, then not ready, then newest. */
export function deletionOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod) => (!p.spec.nodeName ? 0 : !isPodReady(p) ? 1 : 2);
  const r = rank(a) - rank(b);
  if (r !== 0) return r;
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  return ta > tb ? -1 : ta < tb ? 1 : a.metadata.name > b.metadata.name ? -1 : 1;
}

export class ReplicaSetController implements Controller {
  readonly name = "replicaset";
  readonly queue = "ReplicaSet";

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const o of resolveKeys(ctx.store, "ReplicaSet", keys)) {
      const rs = o as ReplicaSet;
      ops.push(...this.syncOne(ctx, rs, ctx.informer.podsOwnedBy(rs.metadata.uid).filter(isPodActive)));
    }
    return ops;
  }

  private syncOne(ctx: ControllerContext, rs: ReplicaSet, pods: Pod[]): WriteOp[] {
    const ops: WriteOp[] = [];
    const want = rs.spec.replicas ?? 1;
    const ns = rs.metadata.namespace ?? "default";
    let kept = pods;
    if (pods.length < want) {
      // Pods are created through admission as the controller's API calls would be: a refusal is a FailedCreate
      // event with the API's message, and the ReplicaSet tries again later.
      const ranges = ctx.store.scan("LimitRange", ns) as LimitRange[];
      const quotas = ctx.store.scan("ResourceQuota", ns).length > 0;
      const created: KubeObject[] = [];
      for (let i = pods.length; i < want; i++) {
        const name = generateName(ctx.store, "Pod", ns, `${rs.metadata.name}-`);
        const pod = podFromTemplate(rs, rs.spec.template, name, {});
        const limitErrors = admitLimits(pod, ranges);
        const refusal = limitErrors.length > 0 ? aggregateMessage(limitErrors) : quotas ? admitQuota(ctx.store, pod, undefined, created).refusal : undefined;
        if (refusal) {
          ops.push(...recordEvent(ctx.store, rs, "Warning", "FailedCreate", `Error creating: pods "${name}" is forbidden: ${refusal}`, "replicaset-controller"));
          ctx.after(REFUSED_RETRY_MS, "ReplicaSet", `${ns}/${rs.metadata.name}`);
          break;
        }
        created.push(pod);
        ops.push({ op: "create", object: pod }, ...recordEvent(ctx.store, rs, "Normal", "SuccessfulCreate", `Created pod: ${name}`, "replicaset-controller"));
      }
    } else if (pods.length > want) {
      const sorted = [...pods].sort(deletionOrder);
      const gone = sorted.slice(0, pods.length - want);
      for (const p of gone) {
        ops.push(deleteOp(p), ...recordEvent(ctx.store, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, "replicaset-controller"));
        ops.push(...recordEvent(ctx.store, p, "Normal", "Killing", `Stopping container ${p.spec.containers[0]?.name ?? ""}`, "kubelet"));
      }
      kept = sorted.slice(pods.length - want);
    }
    const ready = kept.filter(isPodReady).length;
    const status: ReplicaSetStatus = {
      replicas: kept.length,
      fullyLabeledReplicas: kept.filter((p) => matchLabelSelector({ matchLabels: rs.spec.template.metadata?.labels ?? {} }, p.metadata.labels)).length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    if (!sameJson(status, rs.status)) ops.push(statusUpdate(rs, status));
    return ops;
  }
}
