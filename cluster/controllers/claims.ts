// Claim binding: a claim without a storage class binds at once to the smallest matching available volume;
// a claim with a storage class binds to a matching volume of that class, or, once a pod using it is placed,
// gets a volume provisioned in that node's zone (or on that node when it has no zone): WaitForFirstConsumer.
// A released volume is marked Released (Retain) or deleted (Delete, the policy of provisioned volumes).
import type { Node, PersistentVolume, PersistentVolumeClaim } from "../objects/types.js";
import { parseQuantity } from "../objects/quantity.js";
import { matchLabelSelector } from "../objects/labels.js";
import { defaultMetadata, defaultSpec } from "../objects/defaults.js";
import type { WriteOp } from "../store/store.js";
import { type Controller, type ControllerContext, statusUpdate, deleteOp } from "./context.js";

export const ZONE_LABEL = "topology.kubernetes.io/zone";
export const HOSTNAME_LABEL = "kubernetes.io/hostname";

function storageOf(list: { storage?: string } | undefined): number {
  return list?.storage ? parseQuantity(list.storage) : 0;
}

function volumeFits(pv: PersistentVolume, c: PersistentVolumeClaim): boolean {
  if (pv.spec.claimRef || (pv.status?.phase && pv.status.phase !== "Available")) return false;
  if ((pv.spec.storageClassName ?? "") !== (c.spec.storageClassName ?? "")) return false;
  if (storageOf(pv.spec.capacity) < storageOf(c.spec.resources?.requests)) return false;
  for (const m of c.spec.accessModes ?? []) if (!(pv.spec.accessModes ?? []).includes(m)) return false;
  if (c.spec.selector && !matchLabelSelector(c.spec.selector, pv.metadata.labels)) return false;
  return true;
}

export class ClaimBinder implements Controller {
  readonly name = "claim-binder";
  readonly queue = "claims";

  sync(ctx: ControllerContext): WriteOp[] {
    const ops: WriteOp[] = [];
    const pvs = ctx.store.scan("PersistentVolume") as PersistentVolume[];
    const taken = new Set<string>();
    for (const o of ctx.store.scan("PersistentVolumeClaim")) {
      const c = o as PersistentVolumeClaim;
      const ns = c.metadata.namespace ?? "default";
      if (c.spec.volumeName) {
        if (c.status?.phase !== "Bound" && ctx.store.peek("PersistentVolume", undefined, c.spec.volumeName)) {
          const pv = ctx.store.peek("PersistentVolume", undefined, c.spec.volumeName) as PersistentVolume;
          ops.push(statusUpdate(c, { phase: "Bound", capacity: pv.spec.capacity, accessModes: pv.spec.accessModes }));
        }
        continue;
      }
      const candidates = pvs.filter((v) => !taken.has(v.metadata.name) && volumeFits(v, c));
      candidates.sort((a, b) => storageOf(a.spec.capacity) - storageOf(b.spec.capacity));
      let pv: PersistentVolume | undefined = candidates[0];
      if (!pv && c.spec.storageClassName) {
        const nodeName = ctx.informer.claimNode(ns, c.metadata.name);
        const node = nodeName ? (ctx.store.peek("Node", undefined, nodeName) as Node | undefined) : undefined;
        if (!node) continue; // WaitForFirstConsumer
        pv = this.provision(c, node);
        ops.push({ op: "create", object: pv });
      }
      if (!pv) continue;
      taken.add(pv.metadata.name);
      const bound: PersistentVolume = {
        ...pv,
        metadata: { ...pv.metadata },
        spec: { ...pv.spec, claimRef: { namespace: ns, name: c.metadata.name, uid: c.metadata.uid } },
        status: { phase: "Bound" },
      };
      if (ops.some((op) => op.op === "create" && op.object === pv)) {
        // Provisioned in this pass: create it already bound.
        const i = ops.findIndex((op) => op.op === "create" && op.object === pv);
        ops[i] = { op: "create", object: bound };
      } else ops.push({ op: "update", object: bound });
      ops.push({
        op: "update",
        object: {
          ...c,
          metadata: { ...c.metadata, annotations: { ...(c.metadata.annotations ?? {}), "pv.kubernetes.io/bind-completed": "yes" } },
          spec: { ...c.spec, volumeName: pv.metadata.name },
          status: { phase: "Bound", capacity: pv.spec.capacity, accessModes: pv.spec.accessModes },
        } as PersistentVolumeClaim,
      });
    }
    // Volumes whose claim is gone.
    for (const pv of pvs) {
      const ref = pv.spec.claimRef;
      if (!ref) continue;
      const claim = ctx.store.peek("PersistentVolumeClaim", ref.namespace, ref.name);
      if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) continue;
      if (pv.spec.persistentVolumeReclaimPolicy === "Delete") ops.push(deleteOp(pv));
      else if (pv.status?.phase !== "Released") ops.push(statusUpdate(pv, { phase: "Released" }));
    }
    return ops;
  }

  private provision(c: PersistentVolumeClaim, node: Node): PersistentVolume {
    const zone = node.metadata.labels?.[ZONE_LABEL];
    const term = zone
      ? { matchExpressions: [{ key: ZONE_LABEL, operator: "In" as const, values: [zone] }] }
      : { matchExpressions: [{ key: HOSTNAME_LABEL, operator: "In" as const, values: [node.metadata.name] }] };
    const pv: PersistentVolume = {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: `pvc-${c.metadata.uid}`, labels: zone ? { [ZONE_LABEL]: zone } : {}, annotations: { "pv.kubernetes.io/provisioned-by": "cairn.dev/local" } },
      spec: {
        capacity: { storage: c.spec.resources?.requests?.storage ?? "1Gi" },
        accessModes: c.spec.accessModes ?? ["ReadWriteOnce"],
        storageClassName: c.spec.storageClassName,
        persistentVolumeReclaimPolicy: "Delete",
        nodeAffinity: { required: { nodeSelectorTerms: [term] } },
        local: { path: `/var/lib/cairn/volumes/pvc-${c.metadata.uid}` },
      },
    };
    defaultMetadata(pv);
    defaultSpec(pv);
    return pv;
  }
}
