// Server-side apply's field ownership (metadata.managedFields, FieldsV1), as the API server keeps it: each
// applier owns the fields of its applied configuration; applying a field another manager owns, with a different
// value, is a conflict (409, Kubernetes' message and one cause per field) unless `force=true`, which moves the
// field to the applier. Applying the same value shares the field. Other writes (create, PUT, non-apply PATCH)
// with a field manager (`fieldManager`, or the client's User-Agent product as Kubernetes defaults it) record
// an `Update` entry owning the fields they changed, taken from every other manager. Keyed lists (containers
// by name, ...) are owned per element (`k:{"name":"web"}`), other lists as a whole.
import type { KubeObject } from "../objects/meta.js";
import { nowTimestamp } from "../objects/defaults.js";
import { Errors, type StatusCause } from "./status.js";

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

const SET_MERGE_KEYS: Record<string, string> = { containers: "name", initContainers: "name", env: "name", volumes: "name", volumeMounts: "mountPath", ports: "containerPort", imagePullSecrets: "name", tolerations: "key" };
const SERVER_FIELDS = ["name", "namespace", "resourceVersion", "uid", "managedFields", "creationTimestamp", "generation", "deletionTimestamp", "selfLink"];

/**
 * The FieldsV1 set of an object or applied configuration (f:field, k:{merge key} for keyed lists), as clients
 * decode it. The server's metadata fields and the status (written through /status) are nobody's.
 */
export function fieldSet(v: unknown, depth = 0, listKey?: string, inMetadata = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof v !== "object" || v === null || depth > 64) return out;
  if (Array.isArray(v)) {
    for (const e of v) {
      if (listKey && typeof e === "object" && e !== null && !Array.isArray(e) && (e as Record<string, unknown>)[listKey] !== undefined)
        out[`k:${JSON.stringify({ [listKey]: (e as Record<string, unknown>)[listKey] })}`] = { ".": {}, ...fieldSet(e, depth + 1) };
    }
    return out;
  }
  for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
    if (k.startsWith("$") || (depth === 0 && (k === "apiVersion" || k === "kind" || k === "status")) || (inMetadata && SERVER_FIELDS.includes(k))) continue;
    const sub = Array.isArray(child) && !SET_MERGE_KEYS[k] ? {} : fieldSet(child, depth + 1, SET_MERGE_KEYS[k], depth === 0 && k === "metadata");
    // An object whose every field is the server's (metadata with only a name) owns nothing.
    if (Object.keys(sub).length === 0 && typeof child === "object" && child !== null && !Array.isArray(child) && Object.keys(child).length > 0) continue;
    out[`f:${k}`] = sub;
  }
  return out;
}

type Segment = { field: string } | { key: Record<string, unknown> };

/** The leaf fields of a FieldsV1 set (a field with no owned children; a keyed element owning only itself). */
function leaves(set: Record<string, unknown>, prefix: Segment[] = [], out: Segment[][] = [], depth = 0): Segment[][] {
  if (depth > 64) return out;
  for (const [k, child] of Object.entries(set)) {
    if (k === ".") continue;
    let seg: Segment | undefined;
    if (k.startsWith("f:")) seg = { field: k.slice(2) };
    else if (k.startsWith("k:")) {
      try {
        seg = { key: JSON.parse(k.slice(2)) as Record<string, unknown> };
      } catch {
        continue;
      }
    }
    if (!seg) continue;
    const path = [...prefix, seg];
    const children = typeof child === "object" && child !== null ? Object.keys(child).filter((c) => c !== ".") : [];
    if (children.length === 0) out.push(path);
    else leaves(child as Record<string, unknown>, path, out, depth + 1);
  }
  return out;
}

/** Kubernetes' field path text: `.spec.replicas`, `.spec.template.spec.containers[name="web"].image`. */
export function pathText(path: readonly Segment[]): string {
  return path.map((s) => ("field" in s ? `.${s.field}` : `[${Object.entries(s.key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`)).join("");
}

function valueAt(obj: unknown, path: readonly Segment[]): unknown {
  let cur: unknown = obj;
  for (const s of path) {
    if ("field" in s) {
      if (typeof cur !== "object" || cur === null || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[s.field];
    } else {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((e) => typeof e === "object" && e !== null && Object.entries(s.key).every(([k, v]) => JSON.stringify((e as Record<string, unknown>)[k]) === JSON.stringify(v)));
    }
  }
  return cur;
}

function removePath(set: Record<string, unknown>, path: readonly Segment[]): void {
  const keyOf = (s: Segment) => ("field" in s ? `f:${s.field}` : `k:${JSON.stringify(s.key)}`);
  const [head, ...rest] = path;
  if (!head) return;
  const k = keyOf(head);
  const child = set[k];
  if (rest.length === 0 || typeof child !== "object" || child === null) {
    delete set[k];
    return;
  }
  removePath(child as Record<string, unknown>, rest);
  if (Object.keys(child).filter((c) => c !== ".").length === 0) delete set[k];
}

/** How a manager is named in a conflict: `"kubectl"`, or `"kubectl-edit" using apps/v1` for an update. */
function managerText(e: ManagedFieldsEntry): string {
  const name = JSON.stringify(e.manager ?? "");
  const sub = e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : "";
  if (e.operation === "Update") return `${name}${sub} using ${e.apiVersion ?? ""}`;
  return `${name}${sub}`;
}

/**
 * Records `manager`'s apply of `applied` onto `merged` (the object after the apply) in its managedFields, after
 * checking the fields against the other managers of `current` (the stored object; undefined on create).
 * Throws the 409 conflict unless `force`; with force, the conflicting fields leave their other owners.
 */
export function recordApply(merged: KubeObject, current: KubeObject | undefined, applied: unknown, manager: string, force: boolean): KubeObject {
  if (typeof merged !== "object" || merged === null || typeof merged.metadata !== "object" || merged.metadata === null) return merged;
  const mine = fieldSet(applied);
  const meta = merged.metadata as KubeObject["metadata"] & { managedFields?: ManagedFieldsEntry[] };
  const others = structuredClone(((current?.metadata as typeof meta | undefined)?.managedFields ?? []).filter((m) => !(m.manager === manager && m.operation === "Apply")));
  const conflicts: { entry: ManagedFieldsEntry; path: Segment[] }[] = [];
  const appliedLeaves = leaves(mine);
  for (const entry of others) {
    const owned = new Set(leaves(entry.fieldsV1 ?? {}).map(pathText));
    for (const path of appliedLeaves) {
      if (!owned.has(pathText(path))) continue;
      if (JSON.stringify(valueAt(current, path)) !== JSON.stringify(valueAt(applied, path))) conflicts.push({ entry, path });
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  for (const c of conflicts) removePath(c.entry.fieldsV1 ?? {}, c.path);
  const kept = others.filter((m) => Object.keys(m.fieldsV1 ?? {}).length > 0);
  meta.managedFields = [...kept, { manager, operation: "Apply", apiVersion: merged.apiVersion, time: nowTimestamp(), fieldsType: "FieldsV1", fieldsV1: mine }];
  return merged;
}

function conflictError(conflicts: readonly { entry: ManagedFieldsEntry; path: Segment[] }[]): Error {
  const causes: StatusCause[] = conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${managerText(c.entry)}`, field: pathText(c.path) }));
  if (conflicts.length === 1) return Errors.applyConflict(`Apply failed with 1 conflict: conflict with ${managerText(conflicts[0]!.entry)}: ${pathText(conflicts[0]!.path)}`, causes);
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const m = managerText(c.entry);
    byManager.set(m, [...(byManager.get(m) ?? []), pathText(c.path)]);
  }
  const lines: string[] = [];
  for (const m of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${m}:`);
    for (const p of byManager.get(m)!) lines.push(`- ${p}`);
  }
  return Errors.applyConflict(`Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`, causes);
}

function addPath(set: Record<string, unknown>, path: readonly Segment[]): void {
  let cur = set;
  for (const seg of path) {
    const k = "field" in seg ? `f:${seg.field}` : `k:${JSON.stringify(seg.key)}`;
    let next = cur[k] as Record<string, unknown> | undefined;
    if (typeof next !== "object" || next === null) {
      next = "key" in seg ? { ".": {} } : {};
      cur[k] = next;
    }
    cur = next;
  }
}

/**
 * Carries the stored managedFields onto `next` (a write's body cannot rewrite them) and, with a manager,
 * records its `Update`: the fields whose value it changed become its own and leave every other manager, and
 * fields it removed leave everyone.
 */
export function recordUpdate(next: KubeObject, current: KubeObject | undefined, manager: string | undefined, subresource?: string): void {
  const meta = next.metadata as KubeObject["metadata"] & { managedFields?: ManagedFieldsEntry[] };
  const stored = (current?.metadata as typeof meta | undefined)?.managedFields;
  const entries = structuredClone(stored ?? []);
  if (manager) {
    const changed = leaves(fieldSet(next)).filter((p) => JSON.stringify(valueAt(current, p)) !== JSON.stringify(valueAt(next, p)));
    const removed = current ? leaves(fieldSet(current)).filter((p) => valueAt(next, p) === undefined) : [];
    const mine = (e: ManagedFieldsEntry) => e.manager === manager && e.operation === "Update" && (e.subresource ?? "") === (subresource ?? "");
    for (const e of entries) {
      for (const p of removed) removePath(e.fieldsV1 ?? {}, p);
      if (!mine(e)) for (const p of changed) removePath(e.fieldsV1 ?? {}, p);
    }
    if (changed.length > 0) {
      let entry = entries.find(mine);
      if (!entry) {
        entry = { manager, operation: "Update", apiVersion: next.apiVersion, fieldsType: "FieldsV1", fieldsV1: {} };
        if (subresource) entry.subresource = subresource;
        entries.push(entry);
      }
      entry.time = nowTimestamp();
      for (const p of changed) addPath((entry.fieldsV1 ??= {}), p);
    }
  }
  const kept = entries.filter((e) => Object.keys(e.fieldsV1 ?? {}).length > 0);
  if (kept.length > 0) meta.managedFields = kept;
  else delete meta.managedFields;
}
