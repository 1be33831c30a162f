// The object store on etcd v3, shared by several stateless API servers. Kubernetes' layout and semantics: one
// key per object, resourceVersion = the key's mod revision, create = a transaction on create_revision == 0,
// update/delete = a transaction on the expected mod revision (stale: Conflict), the first list read page by
// page at one revision. Reads are served from memory, fed by one etcd watch from the listed revision, as
// kube-apiserver's watch cache is; watches fan out from that copy and may start from any revision still in
// its window of recent events (older: Expired, the client relists). When etcd compacts past what this server
// had seen (a long disconnection), it relists and ends every watch, as kube-apiserver does.
import { Etcd3, type IKeyValue, type IOptions, type IRequestOp, type ICompare, type IWatchResponse } from "etcd3";
import type { KubeObject } from "../objects/meta.js";
import { objectKey } from "../objects/meta.js";
import { matches, type Selector } from "../objects/labels.js";
import { LeadershipLost, StoreError, StoreUnavailable, type Fence } from "./errors.js";
import type { ObjectStore, WatchClosed, WatchEvent, WatchFilter, WatchListener, WriteOp } from "./interface.js";
import { accepts, alreadyExists, compareObjects, conflict, notFound, translate } from "./filter.js";
import { DEFAULT_PREFIX, decodeValue, encodeValue, prefixEnd, splitObjectKey } from "./etcd-keys.js";

export interface EtcdTls {
  /** PEM of the CA that signed etcd's serving certificates. */
  ca: Buffer;
  /** Client certificate and key (PEM), when etcd requires client certificates. */
  cert?: Buffer;
  key?: Buffer;
}

export interface EtcdStoreOptions {
  /** Client URLs of the etcd members (http://127.0.0.1:2379, https://...); requests fail over between them. */
  endpoints: readonly string[];
  /** Key prefix of the cluster's objects (default /cairn/registry/): several clusters may share one etcd. */
  prefix?: string;
  tls?: EtcdTls;
  /** Deadline of one etcd request in ms (default 5,000): past it, the operation is StoreUnavailable. */
  requestTimeoutMs?: number;
  /** Recent events kept in memory for watches that start from an older revision (default 50,000). */
  windowSize?: number;
  /** Objects per page of the initial list (default 500). */
  pageSize?: number;
  /** How often this server checks that etcd answers reads through quorum, in ms (default 1,000). */
  probeIntervalMs?: number;
}

/**
 * One object of the in-memory copy. Its JSON text (what HTTP lists and watches send) is made on first use and
 * kept: most objects a server learns from its watch are never listed or watched over HTTP before they change
 * again, and serialising each one as it arrived was a tenth of the servers' CPU per create.
 */
class Entry {
  private text: string | undefined;

  constructor(
    readonly key: string,
    readonly kind: string,
    readonly namespace: string,
    readonly name: string,
    readonly rev: number,
    readonly obj: KubeObject,
  ) {}

  get json(): string {
    return (this.text ??= JSON.stringify(this.obj));
  }

  /** This object's watch event; its `json` is the entry's, made when first read. */
  event(type: "ADDED" | "MODIFIED", revision: number, previous?: KubeObject): WatchEvent {
    const entry = this;
    return {
      type,
      revision,
      object: this.obj,
      get json() {
        return entry.json;
      },
      ...(previous ? { previous } : {}),
    };
  }
}

interface Subscription {
  filter: WatchFilter;
  listener: WatchListener;
  closed?: WatchClosed;
}

interface Waiter {
  rev: number;
  done: () => void;
}

/** Per key of a transaction: what it requires of etcd and what it ends as. */
interface KeyPlan {
  key: string;
  etcdKey: Buffer;
  compare: ICompare;
  /** The object the key holds at the end of the transaction; null = deleted. */
  final: KubeObject | null;
}

const MAX_RETRIES = 8;

export class EtcdStore implements ObjectStore {
  private readonly entries = new Map<string, Entry>();
  private readonly byKind = new Map<string, Map<string, Entry>>();
  private readonly subs = new Set<Subscription>();
  private readonly window: WatchEvent[] = [];
  private windowHead = 0;
  /** Every event after this revision is in the window. */
  private windowStart = 0;
  private rev = 0;
  /**
   * The newest revision an event (or the list) brought. `rev` may be ahead of it by a progress notification;
   * the watch resumes after this one, and only events at or below it are repeats, so an event a notification
   * overtook (etcd before 3.4.25 / 3.5.8 can send one early) is still taken.
   */
  private eventRev = 0;
  private compactedRev = 0;
  private waiters: Waiter[] = [];
  private closed = false;
  private stream: { cancel(): void; write(req: unknown): boolean } | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly prefix: Buffer;
  private readonly end: Buffer;
  private readonly windowSize: number;
  private readonly pageSize: number;
  private readonly timeout: number;
  /** Whether the watch feeding this copy is connected (reads are current) or not (reads may be stale). */
  private watching = false;
  /**
   * Whether etcd answered this server's last quorum read or write. A watch stays connected to a member that has
   * lost its quorum and then simply delivers nothing: only a request through quorum tells.
   */
  private reachable = true;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly probeInterval: number;

  static async open(options: EtcdStoreOptions): Promise<EtcdStore> {
    const client = new Etcd3(clientOptions(options));
    const store = new EtcdStore(client, options);
    try {
      await store.relist();
      store.startWatch();
      store.probe();
    } catch (e) {
      await store.close();
      throw unavailable(e, `list the cluster's objects from ${options.endpoints.join(", ")}`);
    }
    return store;
  }

  private constructor(
    readonly client: Etcd3,
    options: EtcdStoreOptions,
  ) {
    this.prefix = Buffer.from(options.prefix ?? DEFAULT_PREFIX);
    this.end = prefixEnd(this.prefix);
    this.windowSize = options.windowSize ?? 50_000;
    this.pageSize = options.pageSize ?? 500;
    this.timeout = options.requestTimeoutMs ?? 5_000;
    this.probeInterval = options.probeIntervalMs ?? 1_000;
  }

  revision(): number {
    return this.rev;
  }

  compactedRevision(): number {
    return this.compactedRev;
  }

  /**
   * False while the watch feeding the in-memory copy is disconnected or etcd does not answer through quorum
   * (checked every probe interval and by every request): reads from the copy may be stale then.
   */
  isCurrent(): boolean {
    return this.watching && this.reachable;
  }

  // ---- reads (from memory) -----------------------------------------------------------------------------

  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const e = this.entries.get(objectKey(kind, namespace ?? "", name));
    return e ? (JSON.parse(e.json) as KubeObject) : undefined;
  }

  peek(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.entries.get(objectKey(kind, namespace ?? "", name))?.obj;
  }

  scan(kind: string, namespace?: string, selector?: Selector): KubeObject[] {
    return this.pick(kind, namespace, selector).map((e) => e.obj);
  }

  list(kind: string, namespace?: string, selector?: Selector): { items: KubeObject[]; revision: number } {
    const items = this.pick(kind, namespace, selector).map((e) => JSON.parse(e.json) as KubeObject);
    return { items: items.sort(compareObjects), revision: this.rev };
  }

  listJson(kind: string, namespace?: string, selector?: Selector): { items: string[]; revision: number } {
    const picked = this.pick(kind, namespace, selector).sort((a, b) => compareObjects(a.obj, b.obj));
    return { items: picked.map((e) => e.json), revision: this.rev };
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  // ---- watch -------------------------------------------------------------------------------------------

  watch(filter: WatchFilter, fromRevision: number | undefined, listener: WatchListener, closed?: WatchClosed): () => void {
    if (this.closed) throw new Error("store is closed");
    if (fromRevision !== undefined && fromRevision < this.rev) {
      if (fromRevision < this.windowStart) {
        throw new StoreError("Expired", `too old resource version: ${fromRevision} (${this.windowStart})`, "", "");
      }
      for (let i = this.windowHead; i < this.window.length; i++) {
        const ev = this.window[i]!;
        if (ev.revision > fromRevision && accepts(filter, ev)) listener(ev);
      }
    }
    const sub: Subscription = closed ? { filter, listener, closed } : { filter, listener };
    this.subs.add(sub);
    return () => {
      this.subs.delete(sub);
    };
  }

  // ---- writes ------------------------------------------------------------------------------------------

  /**
   * `fence`: the leader election key and revision this replica won it at; the transaction then applies only
   * while that is still so (a replica that lost its lease cannot write, whatever it still believes).
   */
  async commit(ops: readonly WriteOp[], fence?: Fence): Promise<KubeObject[]> {
    if (this.closed) throw new Error("store is closed");
    if (ops.length === 0) return [];
    // Revisions learnt from etcd when a precondition this copy guessed (no resourceVersion given) was stale.
    const fresh = new Map<string, IKeyValue | null>();
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const { plans, results } = this.plan(ops, fresh);
      const keys = [...plans.values()];
      const success: IRequestOp[] = keys.map((p) =>
        p.final === null
          ? { request_delete_range: { key: p.etcdKey, prev_kv: true } }
          : { request_put: { key: p.etcdKey, value: encodeValue(p.final) } },
      );
      const failure: IRequestOp[] = keys.map((p) => ({ request_range: { key: p.etcdKey } }));
      const compare = keys.map((p) => p.compare);
      if (fence) {
        compare.push({ key: fence.key, target: "Create", result: "Equal", create_revision: fence.revision });
        failure.push({ request_range: { key: fence.key } });
      }
      let res;
      try {
        res = await this.client.kv.txn({ compare, success, failure });
        this.reachable = true;
      } catch (e) {
        this.reachable = false;
        throw unavailable(e, describeOps(ops));
      }
      const revision = Number(res.header.revision);
      if (res.succeeded) {
        keys.forEach((p, i) => {
          if (p.final !== null) return;
          const prev = res.responses[i]?.response_delete_range?.prev_kvs?.[0];
          if (prev) results.set(p.key, decodeValue(prev.value, revision));
        });
        await this.caughtUp(revision);
        return ops.map((op, i) => {
          const r = results.get(i) ?? results.get(opKey(op));
          if (!r) throw new Error(`etcd store: no result for operation ${i}`);
          r.metadata.resourceVersion = String(revision);
          return r;
        });
      }
      // A precondition failed: find which from the keys' current values, read in the same transaction. An
      // explicit resourceVersion that differs is a Conflict; a precondition this copy only guessed (no
      // resourceVersion given: the write applies to whatever is current) is retried on the fresh values.
      keys.forEach((p, i) => {
        const kv = res.responses[i]?.response_range?.kvs?.[0] ?? null;
        fresh.set(p.key, kv);
      });
      if (fence) {
        const held = res.responses[keys.length]?.response_range?.kvs?.[0];
        if (!held || held.create_revision !== fence.revision) throw new LeadershipLost(`the lease held at revision ${fence.revision}`);
      }
      for (const op of ops) {
        const key = opKey(op);
        const kv = fresh.get(key) ?? null;
        const [kind, , name] = splitObjectKey(key);
        const wanted = op.op === "delete" ? op.resourceVersion : op.op === "update" ? op.object.metadata.resourceVersion : undefined;
        if (op.op === "create") {
          if (kv) throw alreadyExists(kind, name);
          continue;
        }
        if (!kv) throw notFound(kind, name);
        if (wanted && wanted !== kv.mod_revision) throw conflict(kind, name);
      }
    }
    const first = ops[0]!;
    const [kind, , name] = splitObjectKey(opKey(first));
    throw conflict(kind, name);
  }

  /** Resolves once this copy has caught up with etcd's current revision, or after a bound (best effort). */
  async sync(): Promise<void> {
    await this.caughtUp(await this.currentRevision());
  }

  /**
   * A consistent read's precondition, as kube-apiserver's: etcd's current revision read through quorum, and
   * this copy caught up with it. Rejects with StoreUnavailable when etcd cannot answer (no quorum, every
   * member down) or the copy does not catch up in time: the read would otherwise be stale.
   */
  async confirmCurrent(): Promise<void> {
    const revision = await this.currentRevision();
    // Writes outside this cluster's prefix (other clusters, leader keys) move etcd's revision without an event
    // on this watch: ask etcd to confirm how far the watch has got (a progress notification), as
    // kube-apiserver's consistent reads from its watch cache do.
    if (this.rev < revision) this.stream?.write({ progress_request: {} });
    if (!(await this.caughtUp(revision))) {
      throw new StoreUnavailable("serve a consistent read", `this server's copy has not caught up with revision ${revision} within ${this.timeout} ms`);
    }
  }

  /** etcd's current revision by a linearizable read (it needs the members' quorum) of one key. */
  private async currentRevision(): Promise<number> {
    try {
      const res = await this.client.kv.range({ key: this.prefix, keys_only: true });
      this.reachable = true;
      return Number(res.header.revision);
    } catch (e) {
      this.reachable = false;
      throw unavailable(e, "read the current revision (a consistent read needs a quorum of etcd members)");
    }
  }

  /** Checks etcd's quorum every probe interval (one read of one key), so isCurrent() knows without a request. */
  private probe(): void {
    if (this.closed) return;
    this.probeTimer = setTimeout(() => {
      void this.currentRevision().catch(() => undefined).finally(() => this.probe());
    }, this.probeInterval);
    this.probeTimer.unref();
  }

  /** Compacts etcd's history up to `revision` (physical: returns when the space is reclaimed). */
  async compact(revision: number): Promise<void> {
    try {
      await this.client.kv.compact({ revision: String(revision), physical: true });
    } catch (e) {
      if (/required revision has been compacted/.test(String((e as Error).message))) return;
      throw unavailable(e, `compact the history up to revision ${revision}`);
    }
    this.compactedRev = Math.max(this.compactedRev, revision);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.probeTimer);
    this.stream?.cancel();
    this.stream = undefined;
    this.subs.clear();
    for (const w of this.waiters.splice(0)) w.done();
    this.client.close();
  }

  // ---- internals ---------------------------------------------------------------------------------------

  private pick(kind: string, namespace: string | undefined, selector: Selector | undefined): Entry[] {
    const out: Entry[] = [];
    for (const e of this.byKind.get(kind)?.values() ?? []) {
      if (namespace !== undefined && e.namespace !== namespace) continue;
      if (selector && !matches(selector, e.obj.metadata.labels)) continue;
      out.push(e);
    }
    return out;
  }

  /**
   * The transaction for `ops`: one compare and one final value per key (etcd refuses a key twice in one
   * transaction, so several operations on one key fold into its last value). Results are keyed by the op's
   * index for creates and updates, by key for deletes (filled in from the delete's previous value).
   */
  private plan(ops: readonly WriteOp[], fresh: Map<string, IKeyValue | null>): { plans: Map<string, KeyPlan>; results: Map<number | string, KubeObject> } {
    const plans = new Map<string, KeyPlan>();
    const results = new Map<number | string, KubeObject>();
    ops.forEach((op, i) => {
      const key = opKey(op);
      const [kind, , name] = splitObjectKey(key);
      let p = plans.get(key);
      if (!p) {
        const etcdKey = Buffer.concat([this.prefix, Buffer.from(key)]);
        const known = fresh.has(key) ? fresh.get(key) ?? null : undefined;
        const mirrored = this.entries.get(key);
        const exists = known !== undefined ? known !== null : mirrored !== undefined;
        const currentRev = known !== undefined ? (known ? known.mod_revision : undefined) : mirrored ? String(mirrored.rev) : undefined;
        const wanted = op.op === "delete" ? op.resourceVersion : op.op === "update" ? op.object.metadata.resourceVersion : undefined;
        let compare: ICompare;
        if (op.op === "create") compare = { key: etcdKey, target: "Create", result: "Equal", create_revision: 0 };
        else if (wanted) compare = { key: etcdKey, target: "Mod", result: "Equal", mod_revision: wanted };
        else if (currentRev !== undefined) compare = { key: etcdKey, target: "Mod", result: "Equal", mod_revision: currentRev };
        else compare = { key: etcdKey, target: "Create", result: "Greater", create_revision: 0 };
        const before = known ? decodeValue(known.value, Number(known.mod_revision)) : known === null ? null : (mirrored?.obj ?? null);
        p = { key, etcdKey, compare, final: before };
        if (op.op !== "create" && !exists && known !== undefined) throw notFound(kind, name);
        plans.set(key, p);
      } else {
        // A later operation on a key this batch already touched: checked against the batch's own result.
        if (op.op === "create" && p.final !== null) throw alreadyExists(kind, name);
        if (op.op !== "create" && p.final === null) throw notFound(kind, name);
        const wanted = op.op === "delete" ? op.resourceVersion : op.op === "update" ? op.object.metadata.resourceVersion : undefined;
        if (wanted) throw conflict(kind, name); // its revision is the one this transaction is about to get
      }
      if (op.op === "delete") {
        if (p.final !== null) results.set(key, { ...p.final, metadata: { ...p.final.metadata } });
        p.final = null;
      } else {
        p.final = op.object;
        results.set(i, op.object);
      }
    });
    return { plans, results };
  }

  /**
   * Resolves true once the watch has delivered `revision` (so reads after a write see it), or false after a
   * bound: the write is committed; only this copy lags (a disconnected watch) and catches up on reconnecting.
   */
  private caughtUp(revision: number): Promise<boolean> {
    if (this.rev >= revision || this.closed) return Promise.resolve(this.rev >= revision);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.done !== done);
        resolve(false);
      }, this.timeout);
      const done = () => {
        clearTimeout(t);
        resolve(true);
      };
      this.waiters.push({ rev: revision, done });
    });
  }

  /** Reads every object page by page at one revision, replacing the copy; returns that revision. */
  private async relist(): Promise<number> {
    const fresh = new Map<string, Entry>();
    let start: Buffer = this.prefix;
    let at = 0;
    for (;;) {
      const res = await this.client.kv.range({ key: start, range_end: this.end, limit: this.pageSize, ...(at ? { revision: String(at) } : {}) });
      if (!at) at = Number(res.header.revision);
      for (const kv of res.kvs) {
        const e = this.entryOf(kv);
        if (e) fresh.set(e.key, e);
      }
      if (!res.more || res.kvs.length === 0) break;
      start = Buffer.concat([res.kvs[res.kvs.length - 1]!.key, Buffer.from([0])]);
    }
    const first = this.rev === 0 && this.entries.size === 0;
    const old = new Map(this.entries);
    this.entries.clear();
    this.byKind.clear();
    for (const e of fresh.values()) this.remember(e);
    this.rev = at;
    this.eventRev = at;
    this.window.length = 0;
    this.windowHead = 0;
    this.windowStart = at;
    if (!first) this.afterRelist(old, at);
    return at;
  }

  /**
   * The copy was rebuilt from a new list (etcd compacted past the watch's position). Watchers that can relist
   * (the API's) are ended, as kube-apiserver does; in-process ones get the difference as events instead.
   */
  private afterRelist(old: Map<string, Entry>, at: number): void {
    const events: WatchEvent[] = [];
    for (const e of this.entries.values()) {
      const was = old.get(e.key);
      if (!was) events.push(e.event("ADDED", at));
      else if (was.rev !== e.rev) events.push(e.event("MODIFIED", at, was.obj));
    }
    for (const was of old.values()) {
      if (this.entries.has(was.key)) continue;
      const last: KubeObject = { ...was.obj, metadata: { ...was.obj.metadata, resourceVersion: String(at) } };
      events.push({ type: "DELETED", revision: at, object: last, json: JSON.stringify(last) });
    }
    for (const s of [...this.subs]) {
      if (s.closed) {
        this.subs.delete(s);
        s.closed(`the store relisted at revision ${at}: its history before that is gone`);
        continue;
      }
      for (const ev of events) this.deliver(s, ev);
    }
  }

  private startWatch(): void {
    if (this.closed) return;
    void this.client.watchClient
      .watch()
      .then((stream) => {
        if (this.closed) {
          stream.cancel();
          return;
        }
        this.stream = stream as unknown as { cancel(): void; write(req: unknown): boolean };
        let ended = false;
        const lost = () => {
          if (ended) return;
          ended = true;
          this.watching = false;
          stream.cancel();
          this.scheduleReconnect();
        };
        stream.on("data", (res: IWatchResponse) => {
          if (res.canceled) {
            ended = true;
            this.watching = false;
            stream.cancel();
            if (Number(res.compact_revision) > 0) {
              this.compactedRev = Math.max(this.compactedRev, Number(res.compact_revision) - 1);
              void this.relist().then(() => this.startWatch(), () => this.scheduleReconnect(true));
            } else this.scheduleReconnect();
            return;
          }
          if (res.created) this.watching = true;
          this.onWatch(res);
        });
        stream.on("error", lost);
        stream.on("end", lost);
        stream.write({ create_request: { key: this.prefix, range_end: this.end, start_revision: String(this.eventRev + 1), progress_notify: true } });
      })
      .catch(() => this.scheduleReconnect());
  }

  private scheduleReconnect(relist = false): void {
    if (this.closed) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (!relist) return this.startWatch();
      void this.relist().then(() => this.startWatch(), () => this.scheduleReconnect(true));
    }, 200);
    this.reconnectTimer.unref();
  }

  private onWatch(res: IWatchResponse): void {
    for (const ev of res.events ?? []) {
      const rev = Number(ev.kv.mod_revision);
      // Already seen (a resumed watch starts after eventRev, so this is only a guard). Equal is not a repeat:
      // the writes of one transaction share its revision.
      if (rev < this.eventRev) continue;
      const key = ev.kv.key.subarray(this.prefix.length).toString("utf8");
      let out: WatchEvent | undefined;
      if (ev.type === "Put") {
        const e = this.entryOf(ev.kv);
        if (!e) continue;
        const previous = this.entries.get(e.key)?.obj;
        this.remember(e);
        out = previous ? e.event("MODIFIED", rev, previous) : e.event("ADDED", rev);
      } else {
        const cur = this.entries.get(key);
        if (!cur) continue;
        this.forget(key);
        const last: KubeObject = { ...cur.obj, metadata: { ...cur.obj.metadata, resourceVersion: String(rev) } };
        out = { type: "DELETED", revision: rev, object: last, json: JSON.stringify(last) };
      }
      this.rev = Math.max(this.rev, rev);
      this.eventRev = Math.max(this.eventRev, rev);
      this.record(out);
      for (const s of this.subs) this.deliver(s, out);
    }
    // A progress notification (no events) says every event up to its revision has been sent.
    if ((res.events ?? []).length === 0 && !res.created && res.header) this.rev = Math.max(this.rev, Number(res.header.revision));
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.rev <= this.rev);
      if (ready.length > 0) {
        this.waiters = this.waiters.filter((w) => w.rev > this.rev);
        for (const w of ready) w.done();
      }
    }
  }

  private record(ev: WatchEvent): void {
    this.window.push(ev);
    if (this.window.length - this.windowHead <= this.windowSize) return;
    // Whole revisions leave the window together (one transaction writes several keys at one revision).
    const r = this.window[this.windowHead]!.revision;
    while (this.windowHead < this.window.length && this.window[this.windowHead]!.revision === r) this.windowHead++;
    this.windowStart = r;
    if (this.windowHead > 4096 && this.windowHead * 2 > this.window.length) {
      this.window.splice(0, this.windowHead);
      this.windowHead = 0;
    }
  }

  private deliver(s: Subscription, ev: WatchEvent): void {
    const out = translate(s.filter, ev);
    if (!out) return;
    try {
      s.listener(out);
    } catch (err) {
      // A failing watcher must not starve the others; it is detached instead.
      this.subs.delete(s);
      process.emitWarning(`cluster store: a watcher failed and was removed: ${(err as Error).message}`);
    }
  }

  private entryOf(kv: IKeyValue): Entry | undefined {
    const key = kv.key.subarray(this.prefix.length).toString("utf8");
    const [kind, namespace, name] = splitObjectKey(key);
    if (!kind || !name || key.split("/").length !== 3) return undefined;
    const rev = Number(kv.mod_revision);
    try {
      return new Entry(key, kind, namespace, name, rev, decodeValue(kv.value, rev));
    } catch {
      // Not an object this store wrote (another program's key under the prefix): not part of the cluster.
      process.emitWarning(`cluster store: ignoring etcd key ${kv.key.toString("utf8")}: its value is not an object's JSON`);
      return undefined;
    }
  }

  private remember(e: Entry): void {
    this.entries.set(e.key, e);
    let m = this.byKind.get(e.kind);
    if (!m) this.byKind.set(e.kind, (m = new Map()));
    m.set(e.key, e);
  }

  private forget(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.byKind.get(e.kind)?.delete(key);
  }
}

function opKey(op: WriteOp): string {
  if (op.op === "delete") return objectKey(op.kind, op.namespace ?? "", op.name);
  return objectKey(op.object.kind, op.object.metadata.namespace ?? "", op.object.metadata.name);
}

/** etcd3's options: the endpoints, TLS, and a deadline on every unary call (streams have none). */
export function clientOptions(o: { endpoints: readonly string[]; tls?: EtcdTls; requestTimeoutMs?: number }): IOptions {
  const timeout = o.requestTimeoutMs ?? 5_000;
  return {
    hosts: [...o.endpoints],
    dialTimeout: timeout,
    ...(o.tls ? { credentials: { rootCertificate: o.tls.ca, ...(o.tls.key ? { privateKey: o.tls.key } : {}), ...(o.tls.cert ? { certChain: o.tls.cert } : {}) } } : {}),
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + timeout }),
  };
}

/** Any failure to reach etcd or get an answer in time, as the store's one "unavailable" error. */
export function unavailable(e: unknown, operation: string): Error {
  if (e instanceof StoreError || e instanceof StoreUnavailable) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new StoreUnavailable(operation, msg);
}

function describeOps(ops: readonly WriteOp[]): string {
  const one = (op: WriteOp): string => {
    if (op.op === "delete") return `delete ${op.kind} ${op.namespace ? `${op.namespace}/` : ""}${op.name}`;
    const m = op.object.metadata;
    return `${op.op} ${op.object.kind} ${m.namespace ? `${m.namespace}/` : ""}${m.name}`;
  };
  if (ops.length === 1) return one(ops[0]!);
  return `${ops.length} objects (${ops.slice(0, 3).map(one).join(", ")}${ops.length > 3 ? ", ..." : ""})`;
}
