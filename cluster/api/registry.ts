// The API's semantics over the store, shared by the HTTP server and the in-process client: defaulting,
// validation (422), generation, status subresources, immutable fields, merge patch, namespace checks,
// and the translation of store failures into Kubernetes Status errors.
import type { KubeObject } from "../objects/meta.js";
import { kindInfo, apiVersionOf, type KindInfo } from "../objects/kinds.js";
import { defaultMetadata, defaultSpec } from "../objects/defaults.js";
import { validateObject } from "../objects/validate.js";
import { parseSelector, SelectorError } from "../objects/labels.js";
import { type FieldError, invalid, forbidden } from "../objects/field-errors.js";
import type { Secret, Service, Pod, ConfigMap } from "../objects/types.js";
import type { WatchEvent } from "../store/store.js";
import type { SyncStore } from "../store/interface.js";
import { isStoreError } from "../store/errors.js";
import { Errors } from "./status.js";
import { mergePatch } from "./merge-patch.js";
import { strategicMergePatch } from "./strategic-merge.js";
import { applyJsonPatch } from "./json-patch.js";
import { parseFieldSelector, matchesFields } from "./field-selector.js";
import type { LimitRange, ResourceQuota } from "../objects/policy.js";
import type { WriteOp } from "../store/store.js";
import { admitLimits, aggregateMessage } from "./limit-ranger.js";
import { admitQuota, quotaStatus } from "./resource-quota.js";
import { allocateNodePorts, type PortRange } from "./node-ports.js";
import { recordApply, recordUpdate } from "./field-managers.js";

/** Kinds whose `status` is written only through the /status subresource (or by controllers). */
const STATUS_SUBRESOURCE = new Set(["Pod", "Node", "Namespace", "PersistentVolume", "PersistentVolumeClaim", "Service", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ResourceQuota"]);

export interface RegistryOptions {
  /** The node-port range (`--service-node-port-range`; default 30000-32767). */
  nodePortRange?: PortRange;
}

export interface ObjectList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

export interface PageOptions {
  limit?: number;
  continue?: string;
}

export interface ApiWatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "ERROR";
  object: KubeObject;
}

export type PatchType = "merge" | "strategic" | "json" | "apply";

export interface WriteOptions {
  subresource?: "status";
  /** How a PATCH body applies (default: JSON merge patch). */
  patchType?: PatchType;
  /** The field manager of a server-side apply (recorded in metadata.managedFields). */
  fieldManager?: string;
  /** dryRun=All: admitted, defaulted and validated exactly as a real write, and never stored. */
  dryRun?: boolean;
  /** The subresource a field manager wrote through (`scale`), recorded in its managedFields entry. */
  managerSubresource?: string;
  /** force=true on a server-side apply: fields other managers own are taken instead of a 409 conflict. */
  force?: boolean;
}

export class Registry {
  constructor(readonly store: SyncStore, readonly options: RegistryOptions = {}) {}

  info(kind: string): KindInfo {
    const i = kindInfo(kind);
    if (!i) throw Errors.pathNotFound(kind);
    return i;
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject {
    const info = this.info(kind);
    const o = this.store.get(kind, this.ns(info, namespace), name);
    if (!o) throw Errors.notFound(info, name);
    return o;
  }

  list(kind: string, namespace?: string, labelSelector?: string, fieldSelector?: string): ObjectList {
    const info = this.info(kind);
    const fields = parseFieldSelector(kind, fieldSelector);
    const listed = this.store.list(kind, info.namespaced ? namespace : undefined, this.selector(labelSelector));
    const items = fields ? listed.items.filter((o) => matchesFields(fields, o)) : listed.items;
    const revision = listed.revision;
    return { apiVersion: apiVersionOf(info), kind: `${info.kind}List`, metadata: { resourceVersion: String(revision) }, items };
  }

  /**
   * One page of a list (`limit`, `continue`), in (namespace, name) order. The continue token carries the last
   * key returned; unlike etcd, the next page reflects the objects current when it is asked for, not a snapshot.
   */
  listPage(kind: string, namespace: string | undefined, labelSelector: string | undefined, fieldSelector: string | undefined, page: PageOptions): ObjectList {
    // Shared live objects, not copies: a page is only serialised (a Table of 10,000 pods must not parse 10,000
    // objects first). Callers must not mutate the items.
    const info = this.info(kind);
    const fields = parseFieldSelector(kind, fieldSelector);
    const selector = this.selector(labelSelector);
    const scanned = this.store.scan(kind, info.namespaced ? namespace : undefined, selector).filter((o) => matchesFields(fields, o));
    const revision = this.store.revision(); // after the scan, which catches up with other processes' commits
    scanned.sort((x, y) => compareKey(x, { ns: y.metadata.namespace ?? "", name: y.metadata.name }));
    const all: ObjectList = { apiVersion: apiVersionOf(info), kind: `${info.kind}List`, metadata: { resourceVersion: String(revision) }, items: scanned };
    let items = all.items;
    if (page.continue) {
      const after = decodeContinue(page.continue);
      items = items.filter((o) => compareKey(o, after) > 0);
    }
    if (page.limit && page.limit > 0 && items.length > page.limit) {
      const shown = items.slice(0, page.limit);
      const last = shown[shown.length - 1]!;
      const token = Buffer.from(JSON.stringify({ v: "cairn1", rv: all.metadata.resourceVersion, ns: last.metadata.namespace ?? "", name: last.metadata.name })).toString("base64url");
      return { ...all, metadata: { ...all.metadata, continue: token, remainingItemCount: items.length - shown.length }, items: shown };
    }
    return { ...all, items };
  }

  /** The list as JSON text without parsing each stored object (the hot path of the HTTP list). */
  listJson(kind: string, namespace?: string, labelSelector?: string, fieldSelector?: string): string {
    const info = this.info(kind);
    if (fieldSelector) return JSON.stringify(this.list(kind, namespace, labelSelector, fieldSelector));
    const { items, revision } = this.store.listJson(kind, info.namespaced ? namespace : undefined, this.selector(labelSelector));
    return `{"apiVersion":${JSON.stringify(apiVersionOf(info))},"kind":"${info.kind}List","metadata":{"resourceVersion":"${revision}"},"items":[${items.join(",")}]}`;
  }

  create(kind: string, namespace: string | undefined, body: unknown, opts: WriteOptions = {}): KubeObject {
    const info = this.info(kind);
    const obj = this.checkBody(info, body, namespace, undefined);
    if (info.namespaced) {
      obj.metadata.namespace = obj.metadata.namespace || namespace || "default";
      if (!this.store.peek("Namespace", undefined, obj.metadata.namespace)) throw Errors.namespaceNotFound(obj.metadata.namespace);
    }
    delete obj.metadata.resourceVersion;
    delete obj.metadata.uid;
    defaultMetadata(obj);
    foldStringData(obj);
    defaultSpec(obj);
    if (opts.patchType !== "apply") recordUpdate(obj, undefined, opts.fieldManager);
    // Admission as the API server orders it: mutating plugins (LimitRanger defaults), validation, then the
    // validating plugins (LimitRanger bounds, ResourceQuota last).
    const limitErrors = info.namespaced ? admitLimits(obj, this.store.scan("LimitRange", obj.metadata.namespace) as LimitRange[]) : [];
    const errs = [...validateObject(obj), ...(kind === "Service" ? allocateNodePorts(this.store, obj as Service, undefined, this.options.nodePortRange) : [])];
    if (errs.length > 0) throw Errors.invalid(info, obj.metadata.name ?? "", errs);
    if (limitErrors.length > 0) throw Errors.forbidden(info, obj.metadata.name, aggregateMessage(limitErrors));
    const quota = admitQuota(this.store, obj);
    if (quota.refusal) throw Errors.forbidden(info, obj.metadata.name, quota.refusal);
    if (kind === "ResourceQuota") obj.status = quotaStatus(this.store, obj as ResourceQuota, obj);
    if (opts.dryRun) {
      if (this.store.peek(kind, this.ns(info, obj.metadata.namespace), obj.metadata.name)) throw Errors.alreadyExists(info, obj.metadata.name);
      return obj;
    }
    return this.guard(info, obj.metadata.name, () => this.write({ op: "create", object: obj }, quota.updates));
  }

  update(kind: string, namespace: string | undefined, name: string, body: unknown, opts: WriteOptions = {}): KubeObject {
    const info = this.info(kind);
    const obj = this.checkBody(info, body, namespace, name);
    const cur = this.store.peek(kind, this.ns(info, namespace), name);
    if (!cur) throw Errors.notFound(info, name);
    return this.replace(info, cur, obj, opts);
  }

  patch(kind: string, namespace: string | undefined, name: string, patch: unknown, opts: WriteOptions = {}): KubeObject {
    const info = this.info(kind);
    const type = opts.patchType ?? "merge";
    if (type === "json" ? !Array.isArray(patch) : typeof patch !== "object" || patch === null || Array.isArray(patch))
      throw Errors.badRequest(type === "json" ? "the patch must be a JSON array of operations" : "the patch must be a JSON object");
    const cur = this.store.get(kind, this.ns(info, namespace), name);
    if (!cur) {
      // Server-side apply creates what does not exist yet.
      if (type === "apply") return this.create(kind, namespace, recordApply(structuredClone(patch) as KubeObject, undefined, patch, opts.fieldManager ?? "", true), opts);
      throw Errors.notFound(info, name);
    }
    const patchedRv = type === "json" ? undefined : (patch as { metadata?: { resourceVersion?: unknown } }).metadata?.resourceVersion;
    const merged = (
      type === "json" ? applyJsonPatch(cur, patch)
      : type === "strategic" ? strategicMergePatch(cur, patch, kind)
      : type === "apply" ? recordApply(strategicMergePatch(cur, patch, kind) as KubeObject, cur, patch, opts.fieldManager ?? "", opts.force === true)
      : mergePatch(cur, patch)
    ) as KubeObject;
    // Without a resourceVersion in the patch, a patch applies to whatever is current (no precondition).
    if (patchedRv === undefined && typeof merged === "object" && merged !== null && typeof merged.metadata === "object" && merged.metadata !== null) {
      if (type !== "json" || merged.metadata.resourceVersion === cur.metadata.resourceVersion) merged.metadata.resourceVersion = cur.metadata.resourceVersion;
    }
    const obj = this.checkBody(info, merged, namespace, name);
    return this.replace(info, cur, obj, opts);
  }

  delete(kind: string, namespace: string | undefined, name: string, resourceVersion?: string, opts: WriteOptions = {}): KubeObject {
    const info = this.info(kind);
    const ns = this.ns(info, namespace);
    if (opts.dryRun) {
      const cur = this.store.get(kind, ns, name);
      if (!cur) throw Errors.notFound(info, name);
      if (resourceVersion && resourceVersion !== cur.metadata.resourceVersion) throw Errors.conflict(info, name);
      return cur;
    }
    const removed = this.guard(info, name, () => this.store.delete(kind, ns, name, resourceVersion));
    if (kind === "Namespace") this.deleteNamespaceContents(name);
    return removed;
  }

  /**
   * Streams changes. Without a resourceVersion (or "0") the current objects come first as ADDED, as
   * Kubernetes does; with one, every change after it. Returns the function that stops the watch.
   */
  watch(kind: string, namespace: string | undefined, labelSelector: string | undefined, resourceVersion: string | undefined, cb: (e: ApiWatchEvent, json: string) => void, fieldSelector?: string): () => void {
    const info = this.info(kind);
    const selector = this.selector(labelSelector);
    const fields = parseFieldSelector(kind, fieldSelector);
    const filter = { kind, namespace: info.namespaced ? namespace : undefined, selector };
    let from: number | undefined;
    if (resourceVersion && resourceVersion !== "0") {
      from = Number(resourceVersion);
      if (!Number.isInteger(from) || from < 0) throw Errors.badRequest(`invalid resource version: ${resourceVersion}`);
    } else {
      const { items } = this.store.listJson(kind, filter.namespace, selector);
      for (const json of items) {
        const object = JSON.parse(json) as KubeObject;
        if (matchesFields(fields, object)) cb({ type: "ADDED", object }, `{"type":"ADDED","object":${json}}`);
      }
    }
    try {
      return this.store.watch(filter, from, (e: WatchEvent) => {
        // Field changes are shown as Kubernetes does: entering the selection is ADDED, leaving it DELETED.
        let type = e.type;
        if (fields) {
          const now = matchesFields(fields, e.object);
          const was = e.previous ? matchesFields(fields, e.previous) : now;
          if (!now && !was) return;
          if (type === "MODIFIED" && now !== was) type = now ? "ADDED" : "DELETED";
        }
        cb({ type, object: e.object }, `{"type":"${type}","object":${e.json}}`);
      });
    } catch (e) {
      if (isStoreError(e) && e.reason === "Expired") throw Errors.expired(e.message);
      throw e;
    }
  }

  // ---- internals ---------------------------------------------------------------------------------------

  private replace(info: KindInfo, cur: KubeObject, obj: KubeObject, opts: WriteOptions): KubeObject {
    const name = cur.metadata.name;
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) throw Errors.conflict(info, name);
    const next: KubeObject = structuredClone(obj);
    // Identity and bookkeeping fields are the server's.
    next.metadata.uid = cur.metadata.uid;
    next.metadata.creationTimestamp = cur.metadata.creationTimestamp;
    next.metadata.namespace = cur.metadata.namespace;
    next.apiVersion = cur.apiVersion;
    if (info.namespaced === false) delete next.metadata.namespace;
    if (opts.subresource === "status") {
      // Only status changes through /status; everything else is kept from the current object.
      const keepStatus = next.status;
      const base = structuredClone(cur);
      base.status = keepStatus;
      base.metadata.resourceVersion = obj.metadata.resourceVersion || cur.metadata.resourceVersion;
      if (opts.dryRun) return base;
      return this.guard(info, name, () => this.store.update(base));
    }
    if (STATUS_SUBRESOURCE.has(info.kind)) next.status = structuredClone(cur.status);
    if (opts.patchType !== "apply") recordUpdate(next, cur, opts.fieldManager, opts.managerSubresource);
    foldStringData(next);
    defaultSpec(next);
    next.metadata.generation = cur.metadata.generation ?? 1;
    if (specOf(next) !== specOf(cur)) next.metadata.generation += 1;
    const errs = [...validateObject(next), ...immutableErrors(info.kind, cur, next)];
    if (info.kind === "Service") errs.push(...allocateNodePorts(this.store, next as Service, cur as Service, this.options.nodePortRange));
    if (errs.length > 0) throw Errors.invalid(info, name, errs);
    const quota = admitQuota(this.store, next, cur);
    if (quota.refusal) throw Errors.forbidden(info, name, quota.refusal);
    if (info.kind === "ResourceQuota") next.status = quotaStatus(this.store, next as ResourceQuota, next);
    next.metadata.resourceVersion = obj.metadata.resourceVersion || cur.metadata.resourceVersion;
    if (opts.dryRun) return next;
    return this.guard(info, name, () => this.write({ op: "update", object: next }, quota.updates));
  }

  /** One write, with the quota status updates that record its usage in the same transaction. */
  private write(op: WriteOp, quotaUpdates: readonly WriteOp[]): KubeObject {
    if (quotaUpdates.length === 0) return op.op === "create" ? this.store.create(op.object) : op.op === "update" ? this.store.update(op.object) : this.store.batch([op])[0]!;
    return this.store.batch([op, ...quotaUpdates])[0]!;
  }

  private deleteNamespaceContents(ns: string): void {
    const ops = [];
    for (const k of ["Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Service", "Endpoints", "ConfigMap", "Secret", "PersistentVolumeClaim", "Event", "PodDisruptionBudget", "ResourceQuota", "LimitRange"]) {
      for (const o of this.store.scan(k, ns)) ops.push({ op: "delete" as const, kind: k, namespace: ns, name: o.metadata.name });
    }
    if (ops.length > 0) this.store.batch(ops);
  }

  private ns(info: KindInfo, namespace: string | undefined): string | undefined {
    return info.namespaced ? (namespace || "default") : undefined;
  }

  private selector(text: string | undefined) {
    if (!text) return undefined;
    try {
      return parseSelector(text);
    } catch (e) {
      if (e instanceof SelectorError) throw Errors.badRequest(`unable to parse requirement: ${e.message}`);
      throw e;
    }
  }

  private checkBody(info: KindInfo, body: unknown, namespace: string | undefined, urlName: string | undefined): KubeObject {
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw Errors.badRequest("the body of the request must be a JSON object");
    const obj = structuredClone(body) as KubeObject;
    if (obj.kind !== undefined && obj.kind !== info.kind) throw Errors.badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${info.kind})`);
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersionOf(info))
      throw Errors.badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersionOf(info)})`);
    obj.kind = info.kind;
    obj.apiVersion = apiVersionOf(info);
    if (typeof obj.metadata !== "object" || obj.metadata === null) obj.metadata = { name: "" };
    if (urlName !== undefined) {
      if (obj.metadata.name && obj.metadata.name !== urlName) throw Errors.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${urlName})`);
      obj.metadata.name = urlName;
    }
    if (info.namespaced && namespace && obj.metadata.namespace && obj.metadata.namespace !== namespace)
      throw Errors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    return obj;
  }

  private guard<T>(info: KindInfo, name: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (!isStoreError(e)) throw e;
      switch (e.reason) {
        case "NotFound": throw Errors.notFound(info, name);
        case "AlreadyExists": throw Errors.alreadyExists(info, name);
        case "Conflict": throw Errors.conflict(info, name);
        case "Expired": throw Errors.expired(e.message);
      }
    }
  }
}

function decodeContinue(token: string): { ns: string; name: string } {
  try {
    const t = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { v?: unknown; ns?: unknown; name?: unknown };
    if (t.v === "cairn1" && typeof t.ns === "string" && typeof t.name === "string") return { ns: t.ns, name: t.name };
  } catch {
    // reported below
  }
  throw Errors.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
}

function compareKey(o: KubeObject, key: { ns: string; name: string }): number {
  const ns = o.metadata.namespace ?? "";
  if (ns !== key.ns) return ns < key.ns ? -1 : 1;
  return o.metadata.name < key.name ? -1 : o.metadata.name > key.name ? 1 : 0;
}

/** Everything but metadata and status: a change there is a new generation. */
function specOf(o: KubeObject): string {
  const { metadata: _m, status: _s, ...rest } = o;
  return JSON.stringify(rest);
}

/** Secret.stringData is write-only convenience: folded into data (base64) as the API server does. */
function foldStringData(obj: KubeObject): void {
  if (obj.kind !== "Secret") return;
  const s = obj as Secret;
  if (s.stringData && typeof s.stringData === "object") {
    s.data ??= {};
    for (const [k, v] of Object.entries(s.stringData)) s.data[k] = Buffer.from(String(v)).toString("base64");
    delete s.stringData;
  }
  s.type ??= "Opaque";
}

function immutableErrors(kind: string, cur: KubeObject, next: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const spec = (o: KubeObject) => (o.spec ?? {}) as Record<string, unknown>;
  switch (kind) {
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
    case "DaemonSet":
      if (!same(spec(cur).selector, spec(next).selector)) errs.push(invalid("spec.selector", spec(next).selector, "field is immutable"));
      if (kind === "StatefulSet" && !same(spec(cur).volumeClaimTemplates, spec(next).volumeClaimTemplates))
        errs.push(forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
      break;
    case "Pod": {
      const a = { ...(cur as Pod).spec, nodeName: undefined };
      const b = { ...(next as Pod).spec, nodeName: undefined };
      if (!same(a, b)) errs.push(forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
      const was = (cur as Pod).spec.nodeName;
      if (was && was !== (next as Pod).spec.nodeName) errs.push(invalid("spec.nodeName", (next as Pod).spec.nodeName ?? "", "field is immutable"));
      break;
    }
    case "Service": {
      const was = (cur as Service).spec.clusterIP;
      const now = (next as Service).spec.clusterIP;
      if (was && now !== undefined && now !== "" && was !== now) errs.push(invalid("spec.clusterIP", now, "field is immutable"));
      if (was && !now) (next as Service).spec.clusterIP = was;
      break;
    }
    case "PersistentVolumeClaim": {
      const a = { ...spec(cur), resources: undefined, volumeName: undefined };
      const b = { ...spec(next), resources: undefined, volumeName: undefined };
      if (!same(a, b)) errs.push(forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
      break;
    }
    case "ConfigMap":
    case "Secret":
      if ((cur as ConfigMap).immutable && !same((cur as ConfigMap).data, (next as ConfigMap).data))
        errs.push(forbidden("data", "field is immutable when `immutable` is set"));
      break;
  }
  return errs;
}
