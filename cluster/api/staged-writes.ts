// The registry and the controllers are written against a store whose writes return at once (SQLite's). Over
// etcd, writes answer later, so they are staged: a request (or one controller's pass) runs synchronously
// against the in-memory copy, its writes are collected, and then committed as ONE etcd transaction with the
// preconditions the registry set (the resourceVersion it read: a stale copy is a 409, as in Kubernetes). The
// objects the registry returned are the ones committed; their resourceVersion is filled in from the commit.
import type { KubeObject } from "../objects/meta.js";
import type { Selector } from "../objects/labels.js";
import { kindInfo } from "../objects/kinds.js";
import type { SyncStore, WatchClosed, WatchFilter, WatchListener, WriteOp } from "../store/interface.js";
import type { EtcdStore } from "../store/etcd-store.js";
import { StoreError, StoreUnavailable, LeadershipLost, type Fence } from "../store/errors.js";
import { Errors, isApiError } from "./status.js";

export class StagingStore implements SyncStore {
  private staged: { ops: WriteOp[]; placeholders: KubeObject[] } | undefined;

  constructor(readonly remote: EtcdStore) {}

  revision(): number { return this.remote.revision(); }
  compactedRevision(): number { return this.remote.compactedRevision(); }
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined { return this.remote.get(kind, namespace, name); }
  peek(kind: string, namespace: string | undefined, name: string): KubeObject | undefined { return this.remote.peek(kind, namespace, name); }
  scan(kind: string, namespace?: string, selector?: Selector): KubeObject[] { return this.remote.scan(kind, namespace, selector); }
  list(kind: string, namespace?: string, selector?: Selector) { return this.remote.list(kind, namespace, selector); }
  listJson(kind: string, namespace?: string, selector?: Selector) { return this.remote.listJson(kind, namespace, selector); }
  count(kind: string): number { return this.remote.count(kind); }
  storedJson(obj: KubeObject): string | undefined { return this.remote.storedJson(obj); }
  watch(filter: WatchFilter, fromRevision: number | undefined, listener: WatchListener, closed?: WatchClosed): () => void {
    return this.remote.watch(filter, fromRevision, listener, closed);
  }
  commit(ops: readonly WriteOp[]): Promise<KubeObject[]> { return this.remote.commit(ops); }
  close(): Promise<void> { return this.remote.close(); }

  create(obj: KubeObject): KubeObject { return this.batch([{ op: "create", object: obj }])[0]!; }
  update(obj: KubeObject): KubeObject { return this.batch([{ op: "update", object: obj }])[0]!; }
  delete(kind: string, namespace: string | undefined, name: string, resourceVersion?: string): KubeObject {
    return this.batch([{ op: "delete", kind, namespace, name, resourceVersion }])[0]!;
  }

  /** Stages the writes; returns the objects they will store (a delete: a copy of the current value). */
  batch(ops: readonly WriteOp[]): KubeObject[] {
    if (!this.staged) throw new Error("etcd store: a write outside a staged request (a bug in Cairn)");
    const out: KubeObject[] = [];
    for (const op of ops) {
      let placeholder: KubeObject;
      if (op.op === "delete") {
        const cur = this.remote.get(op.kind, op.namespace, op.name);
        if (!cur) throw new StoreError("NotFound", `${op.kind} "${op.name}" not found`, op.kind, op.name);
        placeholder = cur;
      } else placeholder = op.object;
      this.staged.ops.push(op);
      this.staged.placeholders.push(placeholder);
      out.push(placeholder);
    }
    return out;
  }

  /**
   * Runs `fn` (a registry call) with its writes staged, then commits them as one transaction. Store failures
   * become the Status errors the registry would have thrown (404, 409, 410), an unreachable etcd a 503.
   */
  async run<T>(fn: () => T, options: { fence?: Fence; retryOnConflict?: boolean } = {}): Promise<T> {
    // A request without a resourceVersion applies to whatever is current: when this copy was behind (409), it
    // is run again on the caught-up copy, as kube-apiserver's GuaranteedUpdate does.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(fn, options.fence);
      } catch (e) {
        if (!options.retryOnConflict || attempt >= MAX_ATTEMPTS || !isApiError(e) || e.reason !== "Conflict") throw e;
        await this.remote.sync().catch(() => undefined);
      }
    }
  }

  private async runOnce<T>(fn: () => T, fence?: Fence): Promise<T> {
    if (this.staged) throw new Error("etcd store: nested staged requests (a bug in Cairn)");
    const staged: { ops: WriteOp[]; placeholders: KubeObject[] } = { ops: [], placeholders: [] };
    this.staged = staged;
    let result: T;
    try {
      result = fn();
    } finally {
      this.staged = undefined;
    }
    if (staged.ops.length === 0) return result;
    let committed: KubeObject[];
    try {
      committed = await this.remote.commit(staged.ops, fence);
    } catch (e) {
      throw asStatus(e, staged.ops[0]!);
    }
    staged.placeholders.forEach((p, i) => {
      p.metadata.resourceVersion = committed[i]!.metadata.resourceVersion;
    });
    return result;
  }
}

const MAX_ATTEMPTS = 5;

/**
 * A registry call, committed: at once over SQLite, as one etcd transaction over a StagingStore.
 * `unconditional`: the request named no resourceVersion, so a conflict with a newer value is retried on it.
 */
export function runWrite<T>(store: SyncStore, fn: () => T, unconditional = false): Promise<T> | T {
  return store instanceof StagingStore ? store.run(fn, { retryOnConflict: unconditional }) : fn();
}

/** Whether a request body carries no metadata.resourceVersion (an update or patch without a precondition). */
export function withoutResourceVersion(body: unknown): boolean {
  const meta = (body as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
  return typeof meta !== "object" || meta === null || meta.resourceVersion === undefined || meta.resourceVersion === "";
}

function asStatus(e: unknown, first: WriteOp): unknown {
  if (e instanceof StoreUnavailable || e instanceof LeadershipLost) return Errors.unavailable(e.message);
  if (!(e instanceof StoreError)) return e;
  const kind = e.kind || (first.op === "delete" ? first.kind : first.object.kind);
  const info = kindInfo(kind);
  if (!info) return e;
  switch (e.reason) {
    case "NotFound": return Errors.notFound(info, e.objectName);
    case "AlreadyExists": return Errors.alreadyExists(info, e.objectName);
    case "Conflict": return Errors.conflict(info, e.objectName);
    case "Expired": return Errors.expired(e.message);
  }
}
