// StatefulSet controller: pods `name-0..n-1` with stable identity, a claim per replica and template
// (`<template>-<set>-<ordinal>`, kept on scale-down), OrderedReady creation and reverse-ordinal rolling update.
import type { Pod, StatefulSet, PersistentVolumeClaim, Volume } from "../objects/types.js";
import { defaultMetadata, defaultSpec } from "../objects/defaults.js";
import type { WriteOp } from "../store/store.js";
import {
  type Controller, type ControllerContext, resolveKeys, isPodReady, isPodActive, templateHash, podFromTemplate,
  statusUpdate, sameJson, deleteOp,
} from "./context.js";

export const REVISION_LABEL = "controller-revision-hash";
export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

export function claimName(template: string, set: string, ordinal: number): string {
  return `${template}-${set}-${ordinal}`;
}

export class StatefulSetController implements Controller {
  readonly name = "statefulset";
  readonly queue = "StatefulSet";

  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const o of resolveKeys(ctx.store, "StatefulSet", keys)) {
      const s = o as StatefulSet;
      ops.push(...this.syncOne(ctx, s, ctx.informer.podsOwnedBy(s.metadata.uid).filter(isPodActive)));
    }
    return ops;
  }

  private syncOne(ctx: ControllerContext, s: StatefulSet, pods: Pod[]): WriteOp[] {
    const ops: WriteOp[] = [];
    const ns = s.metadata.namespace ?? "default";
    const name = s.metadata.name;
    const replicas = s.spec.replicas ?? 1;
    const rev = templateHash(s.spec.template);
    const parallel = s.spec.podManagementPolicy === "Parallel";
    const byOrdinal = new Map<number, Pod>();
    for (const p of pods) {
      const m = new RegExp(`^${name.replace(/[.]/g, "\\.")}-(\\d+)$`).exec(p.metadata.name);
      if (m) byOrdinal.set(Number(m[1]), p);
    }
    let blocked = false;
    for (let i = 0; i < replicas; i++) {
      const p = byOrdinal.get(i);
      if (p) {
        if (!isPodReady(p) && !parallel) blocked = true;
        continue;
      }
      if (blocked) break;
      for (const t of s.spec.volumeClaimTemplates ?? []) {
        const cn = claimName(t.metadata.name, name, i);
        if (ctx.store.peek("PersistentVolumeClaim", ns, cn)) continue;
        const pvc: PersistentVolumeClaim = {
          apiVersion: "v1", kind: "PersistentVolumeClaim",
          metadata: { name: cn, namespace: ns, labels: { ...(s.spec.selector.matchLabels ?? {}), ...(t.metadata.labels ?? {}) } },
          spec: structuredClone(t.spec),
        };
        defaultMetadata(pvc);
        defaultSpec(pvc);
        ops.push({ op: "create", object: pvc });
      }
      ops.push({ op: "create", object: this.newPod(s, i, rev) });
      if (!parallel) blocked = true; // OrderedReady: the next ordinal waits until this one is Ready
    }
    // Scale down: highest ordinal first; OrderedReady removes one at a time and only when the rest are Ready.
    const extra = [...byOrdinal.entries()].filter(([i]) => i >= replicas).sort((a, b) => b[0] - a[0]);
    if (extra.length > 0) {
      const allReady = pods.every(isPodReady);
      for (const [, p] of parallel ? extra : allReady ? extra.slice(0, 1) : []) ops.push(deleteOp(p));
    } else if (s.spec.updateStrategy?.type !== "OnDelete") {
      // Rolling update from the highest ordinal down, one pod at a time, once every pod is Ready.
      const current = [...byOrdinal.entries()].filter(([i]) => i < replicas).sort((a, b) => b[0] - a[0]);
      if (current.length === replicas && current.every(([, p]) => isPodReady(p))) {
        const stale = current.find(([, p]) => p.metadata.labels?.[REVISION_LABEL] !== rev);
        if (stale) ops.push(deleteOp(stale[1]));
      }
    }
    const live = [...byOrdinal.values()];
    const updated = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === rev);
    const ready = live.filter(isPodReady).length;
    const currentRevision = updated.length === live.length && live.length > 0 ? rev : (s.status?.currentRevision ?? rev);
    const status = {
      observedGeneration: s.metadata.generation,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === currentRevision).length,
      updatedReplicas: updated.length,
      availableReplicas: ready,
      currentRevision: `${name}-${currentRevision}`,
      updateRevision: `${name}-${rev}`,
    };
    if (!sameJson(status, s.status)) ops.push(statusUpdate(s, status));
    return ops;
  }

  private newPod(s: StatefulSet, ordinal: number, rev: string): Pod {
    const name = `${s.metadata.name}-${ordinal}`;
    const pod = podFromTemplate(s, s.spec.template, name, { [REVISION_LABEL]: rev, [POD_NAME_LABEL]: name });
    pod.spec.hostname = name;
    if (s.spec.serviceName) pod.spec.subdomain = s.spec.serviceName;
    const claimVolumes: Volume[] = (s.spec.volumeClaimTemplates ?? []).map((t) => ({
      name: t.metadata.name,
      persistentVolumeClaim: { claimName: claimName(t.metadata.name, s.metadata.name, ordinal) },
    }));
    const own = (pod.spec.volumes ?? []).filter((v) => !claimVolumes.some((c) => c.name === v.name));
    pod.spec.volumes = [...own, ...claimVolumes];
    if (pod.spec.volumes.length === 0) delete pod.spec.volumes;
    return pod;
  }
}
