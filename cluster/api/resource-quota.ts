// The ResourceQuota admission plugin and usage evaluators, as Kubernetes counts: `pods` and compute resources
// (requests.cpu / cpu, requests.memory / memory, limits.*, ephemeral storage) over the namespace's non-terminal
// pods; `services`, `services.nodeports`, `services.loadbalancers`; `persistentvolumeclaims`, `requests.storage`
// (also per storage class); `configmaps`, `secrets`, `resourcequotas`; `count/<resource>[.<group>]` for every
// served kind. Usage is computed from the stored objects (exact), so admission never waits for a controller;
// the same functions give each quota's status (hard, used) to the quota controller.
import type { KubeObject } from "../objects/meta.js";
import type { Pod, PersistentVolumeClaim, Service } from "../objects/types.js";
import type { ResourceQuota, QuotaList } from "../objects/policy.js";
import { KINDS, kindInfo } from "../objects/kinds.js";
import { canonicalQuantity, isValidQuantity, parseQuantity } from "../objects/quantity.js";
import type { WriteOp } from "../store/store.js";
import type { SyncStore as Store } from "../store/interface.js";

/** An amount and the quantity text whose format it is printed in. */
interface Amount {
  v: number;
  like: string;
}
type Usage = Map<string, Amount>;

const STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/";
/** Kinds whose objects a quota may count in a namespace. */
const NAMESPACED_KINDS = KINDS.filter((k) => k.namespaced && k.kind !== "Event").map((k) => k.kind);
/** Quota resources that make each container state its own cpu/memory (Kubernetes' backward-compatible rule). */
const MUST_SPECIFY = new Set(["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]);

function add(u: Usage, name: string, v: number, like: string): void {
  const cur = u.get(name);
  u.set(name, cur ? { v: cur.v + v, like: cur.like } : { v, like });
}

function countName(kind: string): string {
  const info = kindInfo(kind)!;
  return `count/${info.plural}${info.group ? `.${info.group}` : ""}`;
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
}

/** What one object uses (Kubernetes' evaluators: object count, pods' compute, services' ports, claims' storage). */
export function usageOf(o: KubeObject): Usage {
  const u: Usage = new Map();
  add(u, countName(o.kind), 1, "1");
  switch (o.kind) {
    case "Pod": {
      const p = o as Pod;
      if (isTerminal(p)) break;
      add(u, "pods", 1, "1");
      for (const c of p.spec?.containers ?? []) {
        for (const [res, q] of Object.entries(c.resources?.requests ?? {}) as [string, string][]) {
          if (!isValidQuantity(q)) continue;
          if (res === "cpu" || res === "memory" || res === "ephemeral-storage") add(u, res, parseQuantity(q), q);
          add(u, `requests.${res}`, parseQuantity(q), q);
        }
        for (const [res, q] of Object.entries(c.resources?.limits ?? {}) as [string, string][]) {
          if (isValidQuantity(q)) add(u, `limits.${res}`, parseQuantity(q), q);
        }
      }
      break;
    }
    case "Service": {
      const s = o as Service;
      add(u, "services", 1, "1");
      if (s.spec?.type === "NodePort" || s.spec?.type === "LoadBalancer") add(u, "services.nodeports", (s.spec.ports ?? []).length, "1");
      if (s.spec?.type === "LoadBalancer") add(u, "services.loadbalancers", 1, "1");
      break;
    }
    case "PersistentVolumeClaim": {
      const c = o as PersistentVolumeClaim;
      const storage = c.spec?.resources?.requests?.storage;
      add(u, "persistentvolumeclaims", 1, "1");
      if (storage && isValidQuantity(storage)) add(u, "requests.storage", parseQuantity(storage), storage);
      const cls = c.spec?.storageClassName;
      if (cls) {
        add(u, `${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, 1, "1");
        if (storage && isValidQuantity(storage)) add(u, `${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, parseQuantity(storage), storage);
      }
      break;
    }
    case "ConfigMap":
      add(u, "configmaps", 1, "1");
      break;
    case "Secret":
      add(u, "secrets", 1, "1");
      break;
    case "ResourceQuota":
      add(u, "resourcequotas", 1, "1");
      break;
  }
  return u;
}

/** The kinds whose objects can use a quota resource name. */
function kindsCounting(resource: string): string[] {
  if (resource.startsWith("count/")) return NAMESPACED_KINDS.filter((k) => countName(k) === resource);
  if (resource.includes(STORAGE_CLASS_SUFFIX) || resource === "persistentvolumeclaims" || resource === "requests.storage") return ["PersistentVolumeClaim"];
  if (resource.startsWith("services")) return ["Service"];
  if (resource === "configmaps") return ["ConfigMap"];
  if (resource === "secrets") return ["Secret"];
  if (resource === "resourcequotas") return ["ResourceQuota"];
  return ["Pod"];
}

/** The namespace's usage of the quota's resources, not counting `except` (the object being replaced). */
function namespaceUsage(store: Store, namespace: string, resources: readonly string[], except?: KubeObject): Usage {
  const kinds = new Set(resources.flatMap(kindsCounting));
  const total: Usage = new Map();
  for (const kind of kinds) {
    for (const o of store.scan(kind, namespace)) {
      if (except && o.kind === except.kind && o.metadata.name === except.metadata.name) continue;
      for (const [k, a] of usageOf(o)) if (resources.includes(k)) add(total, k, a.v, a.like);
    }
  }
  return total;
}

function hardOf(q: ResourceQuota): QuotaList {
  return q.spec?.hard ?? {};
}

function show(a: Amount | undefined, like: string): string {
  return a ? canonicalQuantity(a.v, a.like) : canonicalQuantity(0, like);
}

/** A quota's status as the quota controller writes it: hard from the spec, used for every hard resource. */
export function quotaStatus(store: Store, q: ResourceQuota, incoming?: KubeObject): { hard: QuotaList; used: QuotaList } {
  const hard = { ...hardOf(q) };
  // The incoming object replaces any stored one of the same name.
  const usage = namespaceUsage(store, q.metadata.namespace ?? "default", Object.keys(hard), incoming);
  if (incoming) for (const [k, a] of usageOf(incoming)) if (k in hard) add(usage, k, a.v, a.like);
  const used: QuotaList = {};
  for (const k of Object.keys(hard)) used[k] = show(usage.get(k), hard[k]!);
  return { hard, used };
}

const sortNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function pretty(entries: [string, string][]): string {
  return entries.sort(([a], [b]) => sortNames(a, b)).map(([k, v]) => `${k}=${v}`).join(",");
}

/** Each container must state the cpu/memory a quota tracks: `must specify limits.cpu for: web; ...`. */
function missingResources(pod: Pod, tracked: readonly string[]): string | undefined {
  const required = tracked.filter((r) => MUST_SPECIFY.has(r));
  if (required.length === 0) return undefined;
  const missing = new Map<string, string[]>();
  for (const c of pod.spec?.containers ?? []) {
    const has = new Set<string>();
    for (const res of Object.keys(c.resources?.requests ?? {})) if (res === "cpu" || res === "memory") has.add(res).add(`requests.${res}`);
    for (const res of Object.keys(c.resources?.limits ?? {})) if (res === "cpu" || res === "memory") has.add(`limits.${res}`);
    for (const r of required) if (!has.has(r)) missing.set(r, [...(missing.get(r) ?? []), c.name]);
  }
  if (missing.size === 0) return undefined;
  return `must specify ${[...missing.keys()].sort(sortNames).map((r) => `${r} for: ${[...missing.get(r)!].sort(sortNames).join(",")}`).join("; ")}`;
}

/** Why the namespace's quotas refuse the write (Kubernetes' words after `... is forbidden: `), if they do. */
export interface QuotaDecision {
  refusal?: string;
  /** Status writes that record the new usage, one per quota the write uses (for the same batch). */
  updates: WriteOp[];
}

/**
 * Admits a create (or a Service/claim update: `old` given) against the namespace's quotas. `pending` are objects
 * of the same pass not yet stored (a controller creating several pods at once).
 */
export function admitQuota(store: Store, obj: KubeObject, old?: KubeObject, pending: readonly KubeObject[] = []): QuotaDecision {
  const namespace = obj.metadata.namespace;
  if (!namespace || obj.kind === "Event") return { updates: [] };
  if (old && obj.kind !== "Service" && obj.kind !== "PersistentVolumeClaim") return { updates: [] };
  const quotas = (store.scan("ResourceQuota", namespace) as ResourceQuota[]).slice().sort((a, b) => sortNames(a.metadata.name, b.metadata.name));
  if (quotas.length === 0) return { updates: [] };
  const delta = usageOf(obj);
  if (old) {
    for (const [k, a] of usageOf(old)) {
      const d = delta.get(k);
      if (d) d.v = Math.max(0, d.v - a.v);
    }
  }
  const updates: WriteOp[] = [];
  for (const q of quotas) {
    const hard = hardOf(q);
    const tracked = Object.keys(hard).filter((k) => delta.has(k) || (obj.kind === "Pod" && MUST_SPECIFY.has(k)));
    if (obj.kind === "Pod" && !old) {
      const missing = missingResources(obj as Pod, tracked);
      if (missing) return { refusal: `failed quota: ${q.metadata.name}: ${missing}`, updates: [] };
    }
    const requested = [...delta].filter(([k, a]) => k in hard && a.v !== 0);
    if (requested.length === 0) continue;
    const used = namespaceUsage(store, namespace, requested.map(([k]) => k), old ?? obj);
    for (const p of pending) for (const [k, a] of usageOf(p)) if (k in hard) add(used, k, a.v, a.like);
    const exceeded = requested.filter(([k, a]) => (used.get(k)?.v ?? 0) + a.v > parseQuantity(hard[k]!) + 1e-9);
    if (exceeded.length > 0) {
      return {
        refusal: `exceeded quota: ${q.metadata.name}, requested: ${pretty(exceeded.map(([k, a]) => [k, show(a, a.like)]))}, used: ${pretty(exceeded.map(([k]) => [k, show(used.get(k), hard[k]!)]))}, limited: ${pretty(exceeded.map(([k]) => [k, canonicalQuantity(parseQuantity(hard[k]!), hard[k]!)]))}`,
        updates: [],
      };
    }
    const status = quotaStatus(store, q, obj);
    if (JSON.stringify(status) !== JSON.stringify(q.status)) updates.push({ op: "update", object: { ...q, metadata: { ...q.metadata }, status } as KubeObject });
  }
  return { updates };
}
