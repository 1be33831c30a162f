// Deployment controller: pods from the template (labelled with pod-template-hash), scaling, and rolling
// updates bounded by maxSurge / maxUnavailable; status as Kubernetes reports it.
// Cairn owns pods directly from the Deployment (no ReplicaSet objects); the hash label plays the ReplicaSet's role.
import type { Deployment, Pod } from "../objects/types.js";
import type { WriteOp } from "../store/store.js";
import { recordEvent } from "./events.js";
import {
  type Controller, type ControllerContext, resolveKeys, isPodReady, isPodActive, templateHash, generateName,
  podFromTemplate, intOrPercent, statusUpdate, sameJson, deleteOp, condition, setCondition,
} from "./context.js";

export const HASH_LABEL = "pod-template-hash";

/** Which pods to remove first when scaling down: unscheduled, then not ready, then newest. */
function deletionOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod) => (!p.spec.nodeName ? 0 : !isPodReady(p) ? 1 : 2);
  const r = rank(a) - rank(b);
  if (r !== 0) return r;
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  return ta > tb ? -1 : ta < tb ? 1 : a.metadata.name > b.metadata.name ? -1 : 1;
}

export class DeploymentController implements Controller {
  readonly name = "deployment";
  readonly queue = "Deployment";

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const o of resolveKeys(ctx.store, "Deployment", keys)) {
      const d = o as Deployment;
      ops.push(...this.syncOne(ctx, d, ctx.informer.podsOwnedBy(d.metadata.uid).filter(isPodActive)));
    }
    return ops;
  }

  private syncOne(ctx: ControllerContext, d: Deployment, pods: Pod[]): WriteOp[] {
    const ops: WriteOp[] = [];
    const replicas = d.spec.replicas ?? 1;
    const hash = templateHash(d.spec.template);
    const fresh = pods.filter((p) => p.metadata.labels?.[HASH_LABEL] === hash);
    const old = pods.filter((p) => p.metadata.labels?.[HASH_LABEL] !== hash);
    const ns = d.metadata.namespace ?? "default";
    const create = (n: number) => {
      for (let i = 0; i < n; i++) {
        const name = generateName(ctx.store, "Pod", ns, `${d.metadata.name}-${hash}-`);
        ops.push({ op: "create", object: podFromTemplate(d, d.spec.template, name, { [HASH_LABEL]: hash }) });
        ops.push(...recordEvent(ctx.store, d, "Normal", "SuccessfulCreate", `Created pod: ${name}`, "deployment-controller"));
      }
    };
    const remove = (list: Pod[], n: number) => {
      for (const p of [...list].sort(deletionOrder).slice(0, Math.max(0, n))) ops.push(deleteOp(p), ...recordEvent(ctx.store, p, "Normal", "Killing", `Stopping container ${p.spec.containers[0]?.name ?? ""}`, "kubelet"));
    };
    let newCount = fresh.length;
    let oldCount = old.length;
    if (!d.spec.paused) {
      if (d.spec.strategy?.type === "Recreate") {
        if (oldCount > 0) {
          remove(old, oldCount);
          oldCount = 0;
        } else if (newCount < replicas) {
          create(replicas - newCount);
          newCount = replicas;
        } else if (newCount > replicas) remove(fresh, newCount - replicas);
      } else if (oldCount === 0) {
        if (newCount < replicas) create(replicas - newCount);
        else if (newCount > replicas) remove(fresh, newCount - replicas);
        newCount = replicas;
      } else {
        // Rolling update, one step per sync: surge new pods, then retire old ones while enough stay available.
        const ru = d.spec.strategy?.rollingUpdate;
        const maxSurge = intOrPercent(ru?.maxSurge, replicas, true, 1);
        let maxUnavailable = intOrPercent(ru?.maxUnavailable, replicas, false, 0);
        if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
        const total = newCount + oldCount;
        const scaleUp = Math.min(replicas - newCount, replicas + maxSurge - total);
        if (scaleUp > 0) {
          create(scaleUp);
          newCount += scaleUp;
        }
        const minAvailable = replicas - maxUnavailable;
        const available = pods.filter(isPodReady).length;
        const newUnavailable = fresh.filter((p) => !isPodReady(p)).length + Math.max(0, scaleUp);
        let budget = total + Math.max(0, scaleUp) - minAvailable - newUnavailable;
        const sorted = [...old].sort(deletionOrder);
        let availableLeft = available;
        for (const p of sorted) {
          if (budget <= 0) break;
          const ready = isPodReady(p);
          if (ready && availableLeft - 1 < minAvailable) break;
          ops.push(deleteOp(p));
          if (ready) availableLeft--;
          budget--;
          oldCount--;
        }
      }
    }
    const ready = pods.filter(isPodReady).length;
    const readyNew = fresh.filter(isPodReady).length;
    const status = {
      observedGeneration: d.metadata.generation,
      replicas: pods.length,
      updatedReplicas: fresh.length,
      readyReplicas: ready,
      availableReplicas: ready,
      unavailableReplicas: Math.max(0, replicas - ready),
      conditions: [] as ReturnType<typeof condition>[],
    };
    const ru = d.spec.strategy?.rollingUpdate;
    const minAvail = replicas - intOrPercent(ru?.maxUnavailable, replicas, false, 0);
    let conds = setCondition(d.status?.conditions, ready >= minAvail
      ? condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
      : condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
    const complete = readyNew === replicas && old.length === 0 && fresh.length === replicas;
    conds = setCondition(conds, complete
      ? condition("Progressing", "True", "NewReplicaSetAvailable", `Deployment "${d.metadata.name}" has successfully progressed.`)
      : condition("Progressing", "True", "ReplicaSetUpdated", `Deployment "${d.metadata.name}" is progressing.`));
    status.conditions = conds;
    if (!sameJson(status, d.status)) ops.push(statusUpdate(d, status));
    return ops;
  }
}
