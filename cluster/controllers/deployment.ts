// Deployment controller, as Kubernetes': one ReplicaSet per pod template (named <deployment>-<hash>, labelled
// and selected by pod-template-hash, owned by the Deployment, annotated with its revision). A rolling update
// scales the new ReplicaSet up within maxSurge and the old ones down while maxUnavailable allows, one step per
// sync; Recreate scales the old ones to zero first. Old ReplicaSets at zero are kept for `rollout undo` up to
// revisionHistoryLimit. A template equal to an old ReplicaSet's (a rollback) brings that ReplicaSet back with a
// new revision. Pods a Deployment owned directly (before ReplicaSets) are retired as an old set.
import type { Deployment, Pod, PodTemplateSpec, ReplicaSet } from "../objects/types.js";
import type { WriteOp } from "../store/store.js";
import { defaultMetadata, defaultSpec } from "../objects/defaults.js";
import {
  type Controller, type ControllerContext, resolveKeys, isPodReady, isPodActive, templateHash, ownerRef, controllerUid,
  intOrPercent, statusUpdate, sameJson, deleteOp, condition, setCondition,
} from "./context.js";
import { deletionOrder } from "./replicaset.js";
import { recordEvent } from "./events.js";

export const HASH_LABEL = "pod-template-hash";
export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const DESIRED_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_ANNOTATION = "deployment.kubernetes.io/max-replicas";
const CHANGE_CAUSE = "kubernetes.io/change-cause";

function revisionOf(rs: ReplicaSet): number {
  const n = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** A JSON form independent of key order (a template read back from a client may order keys differently). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** Kubernetes' EqualIgnoreHash: the templates are equal once the pod-template-hash label is set aside. */
function sameTemplateIgnoringHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  const strip = (t: PodTemplateSpec) => {
    const labels = { ...(t.metadata?.labels ?? {}) };
    delete labels[HASH_LABEL];
    return { ...t, metadata: { ...(t.metadata ?? {}), labels } };
  };
  return canonical(strip(a)) === canonical(strip(b));
}

/** One old set to retire: a ReplicaSet, or the pods a Deployment owned directly before ReplicaSets. */
interface OldSet {
  rs?: ReplicaSet;
  pods: Pod[];
  replicas: number;
  available: number;
}

export class DeploymentController implements Controller {
  readonly name = "deployment";
  readonly queue = "Deployment";

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const o of resolveKeys(ctx.store, "Deployment", keys)) ops.push(...this.syncOne(ctx, o as Deployment));
    return ops;
  }

  private syncOne(ctx: ControllerContext, d: Deployment): WriteOp[] {
    const ops: WriteOp[] = [];
    const ns = d.metadata.namespace ?? "default";
    const replicas = d.spec.replicas ?? 1;
    const owned = (ctx.store.scan("ReplicaSet", ns) as ReplicaSet[]).filter((rs) => controllerUid(rs) === d.metadata.uid);
    const hash = templateHash(d.spec.template);
    let newRS = owned.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash) ?? owned.find((rs) => sameTemplateIgnoringHash(rs.spec.template, d.spec.template));
    const olds = owned.filter((rs) => rs !== newRS).sort((a, b) => revisionOf(a) - revisionOf(b));
    const maxOldRevision = olds.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const ru = d.spec.strategy?.rollingUpdate;
    const rolling = d.spec.strategy?.type !== "Recreate";
    const maxSurge = rolling ? intOrPercent(ru?.maxSurge, replicas, true, 1) : 0;
    let maxUnavailable = rolling ? intOrPercent(ru?.maxUnavailable, replicas, false, 0) : replicas;
    if (rolling && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;

    const legacyPods = ctx.informer.podsOwnedBy(d.metadata.uid).filter(isPodActive);
    const oldSets: OldSet[] = olds.map((rs) => ({ rs, pods: [], replicas: rs.spec.replicas ?? 0, available: rs.status?.availableReplicas ?? 0 }));
    if (legacyPods.length > 0) oldSets.unshift({ pods: legacyPods, replicas: legacyPods.length, available: legacyPods.filter(isPodReady).length });
    const oldReplicas = oldSets.reduce((s, o) => s + o.replicas, 0);

    // The revision the template is at: a new or reused ReplicaSet takes the next one.
    const revision = newRS && revisionOf(newRS) > maxOldRevision ? revisionOf(newRS) : !newRS && d.spec.paused ? maxOldRevision : maxOldRevision + 1;
    const annotate = (rs: ReplicaSet, count: number): ReplicaSet => {
      const annotations = { ...(rs.metadata.annotations ?? {}) };
      annotations[REVISION_ANNOTATION] = String(revision);
      annotations[DESIRED_ANNOTATION] = String(replicas);
      annotations[MAX_ANNOTATION] = String(replicas + maxSurge);
      const cause = d.metadata.annotations?.[CHANGE_CAUSE];
      if (cause !== undefined) annotations[CHANGE_CAUSE] = cause;
      return { ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas: count } };
    };
    // Kubernetes' deployment-controller event for every change of a ReplicaSet's size.
    const scalingEvent = (rs: ReplicaSet, from: number, to: number) =>
      ops.push(...recordEvent(ctx.store, d, "Normal", "ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`, "deployment-controller"));
    const scaleRS = (rs: ReplicaSet, count: number, asNew: boolean) => {
      const next = asNew ? annotate(rs, count) : { ...rs, metadata: { ...rs.metadata }, spec: { ...rs.spec, replicas: count } };
      if (sameJson(next.spec, rs.spec) && sameJson(next.metadata.annotations, rs.metadata.annotations)) return;
      ops.push({ op: "update", object: next });
      const from = rs.spec.replicas ?? 0;
      if (from !== count) scalingEvent(rs, from, count);
    };

    let newReplicas = newRS?.spec.replicas ?? 0;
    if (!d.spec.paused) {
      // Scale the new ReplicaSet: Recreate waits for the old pods to be gone; RollingUpdate surges.
      let target = newReplicas;
      if (!rolling) target = oldReplicas > 0 || oldSets.some((o) => o.pods.length > 0 || (o.rs?.status?.replicas ?? 0) > 0) ? newReplicas : replicas;
      else if (newReplicas > replicas) target = replicas;
      else if (newReplicas < replicas) {
        const current = newReplicas + oldReplicas;
        const maxTotal = replicas + maxSurge;
        target = current >= maxTotal ? newReplicas : newReplicas + Math.min(maxTotal - current, replicas - newReplicas);
      }
      if (!newRS) {
        newRS = this.newReplicaSet(d, hash, 0);
        newRS = annotate(newRS, target);
        ops.push({ op: "create", object: newRS });
        if (target > 0) scalingEvent(newRS, 0, target);
      } else scaleRS(newRS, target, true);
      const scaledUp = target !== newReplicas;
      newReplicas = target;

      if (!rolling) {
        for (const o of oldSets) this.scaleOld(ops, o, 0);
      } else if (!scaledUp && oldReplicas > 0) {
        // Scale old sets down while at least replicas - maxUnavailable pods stay available.
        const minAvailable = replicas - maxUnavailable;
        const newAvailable = newRS.status?.availableReplicas ?? 0;
        const newUnavailable = Math.max(0, newReplicas - newAvailable);
        let maxScaledDown = newReplicas + oldReplicas - minAvailable - newUnavailable;
        // First the old pods that are not available anyway (they cost no availability).
        for (const o of oldSets) {
          if (maxScaledDown <= 0) break;
          const unhealthy = Math.max(0, o.replicas - o.available);
          const n = Math.min(maxScaledDown, unhealthy);
          if (n > 0) {
            this.scaleOld(ops, o, o.replicas - n);
            o.replicas -= n;
            maxScaledDown -= n;
          }
        }
        let available = newAvailable + oldSets.reduce((s, o) => s + Math.min(o.available, o.replicas), 0);
        for (const o of oldSets) {
          if (maxScaledDown <= 0 || available <= minAvailable) break;
          const n = Math.min(o.replicas, available - minAvailable, maxScaledDown);
          if (n > 0) {
            this.scaleOld(ops, o, o.replicas - n);
            o.replicas -= n;
            available -= n;
            maxScaledDown -= n;
          }
        }
      }
    }

    // Status, from the ReplicaSets' own status (what their controller last saw).
    const all = newRS ? [newRS, ...olds] : olds;
    const sum = (f: (rs: ReplicaSet) => number) => all.reduce((s, rs) => s + f(rs), 0);
    const legacyReady = legacyPods.filter(isPodReady).length;
    const ready = sum((rs) => rs.status?.readyReplicas ?? 0) + legacyReady;
    const available = sum((rs) => rs.status?.availableReplicas ?? 0) + legacyReady;
    const total = sum((rs) => rs.status?.replicas ?? 0) + legacyPods.length;
    const updated = newRS?.status?.replicas ?? 0;
    const status = {
      observedGeneration: d.metadata.generation,
      replicas: total,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, replicas - available),
      conditions: [] as ReturnType<typeof condition>[],
    };
    const minAvail = replicas - (rolling ? maxUnavailable : intOrPercent(ru?.maxUnavailable, replicas, false, 0));
    let conds = setCondition(d.status?.conditions, available >= minAvail
      ? condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
      : condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
    const oldLeft = olds.some((rs) => (rs.status?.replicas ?? 0) > 0 || (rs.spec.replicas ?? 0) > 0) || legacyPods.length > 0;
    const complete = !!newRS && updated === replicas && (newRS.status?.availableReplicas ?? 0) === replicas && newReplicas === replicas && !oldLeft;
    const rsName = newRS?.metadata.name ?? `${d.metadata.name}-${hash}`;
    conds = setCondition(conds, complete
      ? condition("Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${rsName}" has successfully progressed.`)
      : condition("Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${rsName}" is progressing.`));
    status.conditions = conds;
    const annotations = { ...(d.metadata.annotations ?? {}), [REVISION_ANNOTATION]: String(revision) };
    if (!sameJson(annotations, d.metadata.annotations)) {
      // The revision annotation is metadata, not status: written with the whole object (status is kept).
      ops.push({ op: "update", object: { ...d, metadata: { ...d.metadata, annotations }, status } as Deployment });
    } else if (!sameJson(status, d.status)) ops.push(statusUpdate(d, status));
    if (complete) this.cleanup(ops, d, olds);
    return ops;
  }

  private newReplicaSet(d: Deployment, hash: string, replicas: number): ReplicaSet {
    const template = structuredClone(d.spec.template);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const rs: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace ?? "default",
        labels: template.metadata.labels,
        ownerReferences: [ownerRef(d)],
      },
      spec: { replicas, selector, template, ...(d.spec.minReadySeconds !== undefined ? { minReadySeconds: d.spec.minReadySeconds } : {}) },
    };
    defaultMetadata(rs);
    defaultSpec(rs);
    return rs;
  }

  private scaleOld(ops: WriteOp[], o: OldSet, count: number): void {
    if (o.rs) {
      if ((o.rs.spec.replicas ?? 0) !== count) ops.push({ op: "update", object: { ...o.rs, metadata: { ...o.rs.metadata }, spec: { ...o.rs.spec, replicas: count } } });
      return;
    }
    for (const p of [...o.pods].sort(deletionOrder).slice(0, Math.max(0, o.pods.length - count))) ops.push(deleteOp(p));
  }

  /** Old ReplicaSets scaled to zero beyond revisionHistoryLimit are deleted, oldest revision first. */
  private cleanup(ops: WriteOp[], d: Deployment, olds: readonly ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const idle = olds.filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0);
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) ops.push(deleteOp(rs));
  }
}
