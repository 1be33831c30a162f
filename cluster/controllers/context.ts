// What every controller gets, and the small helpers they share (ownership, readiness, names, hashing).
import { createHash, randomInt } from "node:crypto";
import type { KubeObject, OwnerReference, Condition } from "../objects/meta.js";
import type { Pod, PodTemplateSpec } from "../objects/types.js";
import { defaultMetadata, defaultSpec, nowTimestamp } from "../objects/defaults.js";
import type { SyncStore as Store } from "../store/interface.js";
import type { WriteOp } from "../store/store.js";
import type { SchedulerCache } from "../scheduler/cache.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { Informer, QueueName } from "./informer.js";

export interface ControllerContext {
  store: Store;
  cache: SchedulerCache;
  scheduler: Scheduler;
  informer: Informer;
  /** Milliseconds since the epoch (the controllers' clock). */
  now(): number;
  /** Queues `key` on `queue` again after `ms` and runs the controllers then (Kubernetes' AddAfter). */
  after(ms: number, queue: QueueName, key: string): void;
}

/** A reconciler: takes the keys queued for it, returns the writes that move the store toward the desired state. */
export interface Controller {
  readonly name: string;
  /** The work queue it drains (keys are "namespace/name", a node name, or "*" for everything). */
  readonly queue: QueueName;
  sync(ctx: ControllerContext, keys: readonly string[]): WriteOp[];
  /** Called when the batch of writes from sync() could not be committed (its keys are queued again). */
  abandon?(ctx: ControllerContext): void;
}

/** The objects named by queued keys ("namespace/name"), or every object of the kind when "*" is queued. */
export function resolveKeys(store: Store, kind: string, keys: readonly string[]): KubeObject[] {
  if (keys.includes("*")) return store.scan(kind);
  const out: KubeObject[] = [];
  for (const k of keys) {
    const i = k.indexOf("/");
    const o = i < 0 ? store.peek(kind, undefined, k) : store.peek(kind, k.slice(0, i), k.slice(i + 1));
    if (o) out.push(o);
  }
  return out;
}

export const FAILED_ANNOTATION = "cairn.dev/simulated-failure";

export function ownerRef(o: KubeObject): OwnerReference {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid ?? "", controller: true };
}

export function controllerUid(o: KubeObject): string | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller)?.uid;
}

/**
 * Whether a pod belongs to the workload: owned by it, or, for a Deployment, owned by its ReplicaSet (named
 * <deployment>-<pod-template-hash>, the hash being the pod's own label).
 */
export function isPodOfWorkload(p: Pod, kind: string, name: string): boolean {
  const hash = p.metadata.labels?.["pod-template-hash"];
  return (p.metadata.ownerReferences ?? []).some((r) =>
    (r.kind === kind && r.name === name) || (kind === "Deployment" && r.kind === "ReplicaSet" && hash !== undefined && r.name === `${name}-${hash}`));
}

export function isPodReady(p: Pod): boolean {
  if (p.status?.phase !== "Running") return false;
  return p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

export function isPodActive(p: Pod): boolean {
  return p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed" && !p.metadata.deletionTimestamp;
}

/** A short stable hash of a pod template (Kubernetes' pod-template-hash / controller-revision-hash). */
export function templateHash(t: PodTemplateSpec): string {
  return createHash("sha256").update(JSON.stringify(t)).digest("hex").slice(0, 10);
}

const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** `prefix` + 5 random characters from Kubernetes' generateName alphabet, unused in the store. */
export function generateName(store: Store, kind: string, namespace: string, prefix: string): string {
  for (;;) {
    let s = prefix;
    for (let i = 0; i < 5; i++) s += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
    if (!store.peek(kind, namespace, s)) return s;
  }
}

/** A new pod from a template, owned by `owner`, defaulted and ready to store. */
export function podFromTemplate(owner: KubeObject, template: PodTemplateSpec, name: string, extraLabels: Record<string, string>): Pod {
  const t = structuredClone(template);
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: owner.metadata.namespace ?? "default",
      labels: { ...(t.metadata?.labels ?? {}), ...extraLabels },
      annotations: t.metadata?.annotations,
      ownerReferences: [ownerRef(owner)],
    },
    spec: t.spec,
    status: { phase: "Pending" },
  };
  if (pod.metadata.annotations === undefined) delete pod.metadata.annotations;
  defaultMetadata(pod);
  defaultSpec(pod);
  return pod;
}

export function condition(type: string, status: Condition["status"], reason?: string, message?: string): Condition {
  const c: Condition = { type, status, lastTransitionTime: nowTimestamp() };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** Replaces (or adds) a condition, keeping lastTransitionTime when the status did not change. */
export function setCondition(list: readonly Condition[] | undefined, c: Condition): Condition[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((x) => x.type === c.type);
  if (i < 0) out.push(c);
  else {
    const keepTime = out[i]!.status === c.status ? out[i]!.lastTransitionTime : c.lastTransitionTime;
    out[i] = { ...c, lastTransitionTime: keepTime };
  }
  return out;
}

/** Same content (for deciding whether a status write is needed at all). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A status update op that leaves everything else of the object alone. */
export function statusUpdate<T extends KubeObject>(o: T, status: unknown): WriteOp {
  return { op: "update", object: { ...o, metadata: { ...o.metadata }, status } as KubeObject };
}

export function deleteOp(o: KubeObject): WriteOp {
  return { op: "delete", kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name };
}

/** Resolves an int-or-percent against a total (percentages round up or down as Kubernetes does). */
export function intOrPercent(v: number | string | undefined, total: number, roundUp: boolean, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.parseInt(v, 10) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export function byName(a: KubeObject, b: KubeObject): number {
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
