// The durable object store: SQLite (WAL) with a global revision per write, an in-memory copy of the live
// objects for fast reads, optimistic concurrency on resourceVersion, watch from a revision, compaction.
//
// Ownership rule (for speed: the scheduler writes tens of thousands of objects a second): an object handed to
// create/update/batch belongs to the store afterwards, and objects from peek/scan/events are shared and must
// never be mutated. get/list return private copies.
import Database from "better-sqlite3";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { KubeObject } from "../objects/meta.js";
import { objectKey } from "../objects/meta.js";
import { matches, type Selector } from "../objects/labels.js";
import { LeadershipLost, StoreError, asStorageFailure, type LeaseFence } from "./errors.js";
import { applySchema, EVENT_CODES, EVENT_NAMES, type EventType } from "./schema.js";
import type { SyncStore, WatchEvent, WatchFilter, WatchListener, WriteOp } from "./interface.js";
import { accepts, alreadyExists, cmp, conflict, notFound, translate } from "./filter.js";
import { Checkpointer } from "./checkpointer.js";

export interface StoreOptions {
  /** Log rows kept behind the head before auto-compaction removes them (default 50,000). */
  retainRevisions?: number;
  /** Poll for writes by other processes sharing the file, in ms (0 = only on reads/writes; default 0). */
  pollMs?: number;
  /**
   * Checkpoint the WAL on a worker thread instead of inside the commit that fills it (checkpointer.ts): for a
   * long-running process that answers requests (`cluster serve`); a short CLI run does without the thread.
   */
  backgroundCheckpoint?: boolean;
}

export type { WatchEvent, WatchFilter, WriteOp } from "./interface.js";

interface Entry {
  key: string;
  kind: string;
  namespace: string;
  name: string;
  rev: number;
  obj: KubeObject;
  json: string;
}

type Listener = WatchListener;

interface Subscription {
  filter: WatchFilter;
  listener: Listener;
}

export const STORE_FILE = "cluster.db";

/**
 * Writes between two auto-compaction steps. A step removes at most twice as many revisions: one transaction
 * of a few milliseconds (compacting 50,000 rows at once held the event loop ~200 ms of CPU, every 50,000
 * writes), and a backlog still shrinks.
 */
const COMPACTION_STEP = 1_000;

/**
 * Commits made by any Store of this process (a test may open one file twice). A store that checked for other
 * connections' commits in the current synchronous stretch need not ask SQLite again unless one of these moved.
 */
let commitsInProcess = 0;
/** How long one check for other processes' commits may serve the reads after it within one stretch. */
const RECHECK_MS = 1;

export class Store implements SyncStore {
  private readonly db: Database.Database;
  private readonly entries = new Map<string, Entry>();
  private readonly byKind = new Map<string, Map<string, Entry>>();
  private readonly subs = new Set<Subscription>();
  private rev = 0;
  private compactedRev = 0;
  private dataVersion = 0;
  /** Changes other processes committed, read by catchUp, not yet told to watchers. */
  private caughtUp: WatchEvent[] = [];
  /**
   * The last check for other connections' commits, while it may still serve reads: set by refresh(), cleared
   * by a microtask, i.e. once the synchronous stretch it happened in (a callback and its microtasks) is over.
   */
  private lastCheck: { at: number; commits: number } | undefined;
  private writesSinceCompaction = 0;
  private readonly retain: number;
  private readonly pollTimer: NodeJS.Timeout | undefined;
  private readonly checkpointer: Checkpointer | undefined;
  private closed = false;

  private readonly stmts: {
    insertLog: Database.Statement;
    upsert: Database.Statement;
    remove: Database.Statement;
    dropRow: Database.Statement;
    since: Database.Statement;
    compact: Database.Statement;
    setMeta: Database.Statement;
    getMeta: Database.Statement;
    dataVersion: Database.Statement;
    leaseHolder: Database.Statement;
  };

  static open(dataDir: string, options: StoreOptions = {}): Store {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return new Store(join(dataDir, STORE_FILE), options);
  }

  private constructor(
    readonly file: string,
    options: StoreOptions,
  ) {
    try {
      this.db = new Database(file);
      // The cluster's objects (secrets included) are as private as the state: 0600, whatever the umask. SQLite
      // gives its -wal and -shm files the database file's mode; older ones are fixed here too. chmod, never
      // open+close: closing a descriptor would drop this process's SQLite locks on the file.
      for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
      applySchema(this.db);
    } catch (err) {
      throw asStorageFailure(err, file, "open the database") ?? err;
    }
    this.retain = options.retainRevisions ?? 50_000;
    this.stmts = {
      insertLog: this.db.prepare("INSERT INTO log (rev, key, type, value) VALUES (?, ?, ?, ?)"),
      upsert: this.db.prepare("INSERT INTO live (key, kind, namespace, name, rev) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET rev = excluded.rev"),
      remove: this.db.prepare("DELETE FROM live WHERE key = ?"),
      // A live object's value below the compacted revision, once a newer write supersedes it.
      dropRow: this.db.prepare("DELETE FROM log WHERE rev = ?"),
      since: this.db.prepare("SELECT rev, key, type, value FROM log WHERE rev > ? ORDER BY rev"),
      // Rows in [compacted, upTo] except the newest (the clock) and those holding a live object's value.
      compact: this.db.prepare(
        "DELETE FROM log WHERE rev >= ? AND rev <= ? AND rev < ? AND NOT EXISTS (SELECT 1 FROM live WHERE live.key = log.key AND live.rev = log.rev)",
      ),
      setMeta: this.db.prepare("INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v"),
      getMeta: this.db.prepare("SELECT v FROM meta WHERE k = ?"),
      // Prepared once: db.pragma() prepares on every call, and this runs before every read.
      dataVersion: this.db.prepare("PRAGMA data_version").pluck(),
      leaseHolder: this.db.prepare("SELECT holder FROM leases WHERE name = ?").pluck(),
    };
    this.reload();
    if (options.backgroundCheckpoint) this.checkpointer = new Checkpointer(this.db, file);
    if (options.pollMs && options.pollMs > 0) {
      this.pollTimer = setInterval(() => this.refresh(), options.pollMs);
      this.pollTimer.unref();
    }
  }

  /** The newest revision written (the store's clock). */
  revision(): number {
    this.refresh();
    return this.rev;
  }

  compactedRevision(): number {
    return this.compactedRev;
  }

  // ---- reads -------------------------------------------------------------------------------------------

  /** A private copy of one object, or undefined. */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    this.refresh();
    const e = this.entries.get(objectKey(kind, namespace ?? "", name));
    return e ? (JSON.parse(e.json) as KubeObject) : undefined;
  }

  /** The shared live object (never mutate it). */
  peek(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    this.refresh();
    return this.entries.get(objectKey(kind, namespace ?? "", name))?.obj;
  }

  /** Shared live objects of a kind, filtered (never mutate them). */
  scan(kind: string, namespace?: string, selector?: Selector): KubeObject[] {
    this.refresh();
    const out: KubeObject[] = [];
    const m = this.byKind.get(kind);
    if (!m) return out;
    for (const e of m.values()) {
      if (namespace !== undefined && e.namespace !== namespace) continue;
      if (selector && !matches(selector, e.obj.metadata.labels)) continue;
      out.push(e.obj);
    }
    return out;
  }

  /** Private copies of a kind's objects sorted by namespace and name, with the revision they reflect. */
  list(kind: string, namespace?: string, selector?: Selector): { items: KubeObject[]; revision: number } {
    this.refresh();
    const m = this.byKind.get(kind);
    const picked: Entry[] = [];
    for (const e of m?.values() ?? []) {
      if (namespace !== undefined && e.namespace !== namespace) continue;
      if (selector && !matches(selector, e.obj.metadata.labels)) continue;
      picked.push(e);
    }
    picked.sort((a, b) => (a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace)));
    return { items: picked.map((e) => JSON.parse(e.json) as KubeObject), revision: this.rev };
  }

  /** The JSON text of matching objects (the API streams these without re-serialising). */
  listJson(kind: string, namespace?: string, selector?: Selector): { items: string[]; revision: number } {
    this.refresh();
    const picked: Entry[] = [];
    for (const e of this.byKind.get(kind)?.values() ?? []) {
      if (namespace !== undefined && e.namespace !== namespace) continue;
      if (selector && !matches(selector, e.obj.metadata.labels)) continue;
      picked.push(e);
    }
    picked.sort((a, b) => (a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace)));
    return { items: picked.map((e) => e.json), revision: this.rev };
  }

  count(kind: string): number {
    this.refresh();
    return this.byKind.get(kind)?.size ?? 0;
  }

  storedJson(obj: KubeObject): string | undefined {
    const e = this.entries.get(objectKey(obj.kind, obj.metadata.namespace ?? "", obj.metadata.name));
    return e?.obj === obj ? e.json : undefined;
  }

  // ---- writes ------------------------------------------------------------------------------------------

  create(obj: KubeObject): KubeObject {
    return this.batch([{ op: "create", object: obj }])[0]!;
  }

  /** Replaces an object. A set metadata.resourceVersion is a precondition: stale means Conflict. */
  update(obj: KubeObject): KubeObject {
    return this.batch([{ op: "update", object: obj }])[0]!;
  }

  delete(kind: string, namespace: string | undefined, name: string, resourceVersion?: string): KubeObject {
    return this.batch([{ op: "delete", kind, namespace, name, resourceVersion }])[0]!;
  }

  /** `batch` behind the asynchronous interface both stores share (a SQLite commit is done when it returns). */
  async commit(ops: readonly WriteOp[]): Promise<KubeObject[]> {
    return this.batch(ops);
  }

  /**
   * Applies the operations in one SQLite transaction (one WAL commit): all succeed or none does.
   * Returns the stored object of each operation (for a delete, its last value). With `fence`, the writes are
   * made only while that lease still names its holder (checked in the same transaction: a controller whose
   * lease another process took while it computed its writes makes none; LeadershipLost).
   */
  batch(ops: readonly WriteOp[], fence?: LeaseFence): KubeObject[] {
    if (this.closed) throw new Error("store is closed");
    if (ops.length === 0) return [];
    const pending = new Map<string, Entry | null>();
    const events: WatchEvent[] = [];
    const results: KubeObject[] = [];
    const run = this.db.transaction(() => {
      // With the write lock held: data_version moves only with other connections' commits (never this one's),
      // so when it has not moved since this copy was last brought up to date, there is nothing to read.
      const dv = this.readDataVersion();
      if (dv !== this.dataVersion) {
        this.catchUp();
        this.dataVersion = dv;
      }
      if (fence !== undefined && this.stmts.leaseHolder.get(fence.name) !== fence.holder) throw new LeadershipLost(`the controller lease "${fence.name}"`);
      let rev = this.rev;
      for (const op of ops) {
        const lookup = (key: string): Entry | undefined => {
          const p = pending.get(key);
          return p === null ? undefined : (p ?? this.entries.get(key));
        };
        if (op.op === "delete") {
          const ns = op.namespace ?? "";
          const key = objectKey(op.kind, ns, op.name);
          const cur = lookup(key);
          if (!cur) throw notFound(op.kind, op.name);
          if (op.resourceVersion && op.resourceVersion !== String(cur.rev)) throw conflict(op.kind, op.name);
          rev++;
          const last: KubeObject = { ...cur.obj, metadata: { ...cur.obj.metadata, resourceVersion: String(rev) } };
          const json = JSON.stringify(last);
          this.stmts.insertLog.run(rev, key, EVENT_CODES.DELETED, json);
          this.stmts.remove.run(key);
          if (cur.rev <= this.compactedRev) this.stmts.dropRow.run(cur.rev);
          pending.set(key, null);
          events.push({ type: "DELETED", revision: rev, object: last, json });
          results.push(last);
          continue;
        }
        const obj = op.object;
        const ns = obj.metadata.namespace ?? "";
        const key = objectKey(obj.kind, ns, obj.metadata.name);
        const cur = lookup(key);
        if (op.op === "create" && cur) throw alreadyExists(obj.kind, obj.metadata.name);
        if (op.op === "update") {
          if (!cur) throw notFound(obj.kind, obj.metadata.name);
          const want = obj.metadata.resourceVersion;
          if (want && want !== String(cur.rev)) throw conflict(obj.kind, obj.metadata.name);
        }
        rev++;
        obj.metadata.resourceVersion = String(rev);
        const json = JSON.stringify(obj);
        const type: EventType = cur ? "MODIFIED" : "ADDED";
        this.stmts.insertLog.run(rev, key, EVENT_CODES[type], json);
        this.stmts.upsert.run(key, obj.kind, ns, obj.metadata.name, rev);
        if (cur && cur.rev <= this.compactedRev) this.stmts.dropRow.run(cur.rev);
        pending.set(key, { key, kind: obj.kind, namespace: ns, name: obj.metadata.name, rev, obj, json });
        events.push(cur ? { type, revision: rev, object: obj, json, previous: cur.obj } : { type, revision: rev, object: obj, json });
        results.push(obj);
      }
      return rev;
    });
    // On failure nothing was committed and memory is untouched (pending is dropped).
    let newRev: number;
    try {
      newRev = run.immediate();
    } catch (err) {
      this.emitCaughtUp();
      throw asStorageFailure(err, this.file, describeOps(ops)) ?? err;
    }
    this.emitCaughtUp();
    for (const [key, e] of pending) {
      if (e === null) this.forget(key);
      else this.remember(e);
    }
    this.rev = newRev;
    commitsInProcess++;
    this.checkpointer?.committed();
    for (const ev of events) this.emit(ev);
    this.writesSinceCompaction += ops.length;
    if (this.writesSinceCompaction >= COMPACTION_STEP) this.autoCompact();
    return results;
  }

  // ---- watch -------------------------------------------------------------------------------------------

  /**
   * Calls listener for every change matching the filter after `fromRevision` (history first, then live).
   * Throws StoreError Expired when that history has been compacted. Returns the function that stops it.
   */
  watch(filter: WatchFilter, fromRevision: number | undefined, listener: Listener): () => void {
    this.refresh();
    if (fromRevision !== undefined && fromRevision < this.rev) {
      for (const ev of this.history(fromRevision)) if (accepts(filter, ev)) listener(ev);
    }
    const sub: Subscription = { filter, listener };
    this.subs.add(sub);
    return () => {
      this.subs.delete(sub);
    };
  }

  /** Every event after `fromRevision` still in the log (Expired if compacted past it). */
  history(fromRevision: number): WatchEvent[] {
    if (fromRevision < this.compactedRev) {
      throw new StoreError("Expired", `too old resource version: ${fromRevision} (${this.compactedRev})`, "", "");
    }
    const rows = this.stmts.since.all(fromRevision) as { rev: number; key: string; type: number; value: string }[];
    return rows.map((r) => ({ type: EVENT_NAMES[r.type]!, revision: r.rev, object: JSON.parse(r.value) as KubeObject, json: r.value }));
  }

  // ---- maintenance -------------------------------------------------------------------------------------

  /**
   * Removes the history at or below `revision`: the log rows of superseded values (a live object's newest value
   * stays until a write replaces it; the newest row is always kept so the clock survives reopen).
   */
  compact(revision: number): number {
    const upTo = Math.min(revision, this.rev);
    if (upTo <= this.compactedRev) return 0;
    const removed = this.db.transaction(() => {
      // Another process may have compacted meanwhile: never move the mark back.
      const from = Math.max(this.compactedRev, Number((this.stmts.getMeta.get("compacted") as { v: string }).v));
      if (upTo <= from) return 0;
      const r = this.stmts.compact.run(from, upTo, this.rev).changes;
      this.stmts.setMeta.run("compacted", String(upTo));
      return r;
    }).immediate();
    this.compactedRev = Math.max(this.compactedRev, upTo);
    commitsInProcess++;
    return removed;
  }

  /**
   * Takes or renews the named lease for `holder` until now + ttlMs; false while another holder's lease is live.
   * Used so that only one process sharing a data directory runs the controllers (leader election).
   * `holderIsGone` lets the caller take over at once from a holder it knows is dead (a killed process).
   */
  acquireLease(name: string, holder: string, ttlMs: number, holderIsGone?: (other: string) => boolean): boolean {
    if (this.closed) return false;
    try {
      return this.leaseTransaction(name, holder, ttlMs, holderIsGone);
    } catch (err) {
      throw asStorageFailure(err, this.file, `renew the controller lease "${name}"`) ?? err;
    }
  }

  private leaseTransaction(name: string, holder: string, ttlMs: number, holderIsGone?: (other: string) => boolean): boolean {
    return this.db.transaction(() => {
      const now = Date.now();
      const row = this.db.prepare("SELECT holder, expires FROM leases WHERE name = ?").get(name) as { holder: string; expires: number } | undefined;
      if (row && row.holder !== holder && row.expires > now && !holderIsGone?.(row.holder)) return false;
      this.db.prepare("INSERT INTO leases (name, holder, expires) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires").run(name, holder, now + ttlMs);
      return true;
    }).immediate();
  }

  releaseLease(name: string, holder: string): void {
    if (this.closed) return;
    this.db.prepare("DELETE FROM leases WHERE name = ? AND holder = ?").run(name, holder);
  }

  /** SQLite's own integrity check plus ours: every live object's revision is in range and its JSON parses. */
  checkConsistency(): string[] {
    const problems: string[] = [];
    const ic = this.db.pragma("integrity_check", { simple: true });
    if (ic !== "ok") problems.push(`sqlite integrity_check: ${String(ic)}`);
    for (const k of this.db.prepare("SELECT key FROM live WHERE NOT EXISTS (SELECT 1 FROM log WHERE log.rev = live.rev)").pluck().all() as string[]) {
      problems.push(`${k}: its value (log row) is missing`);
    }
    const rows = this.db.prepare("SELECT key, rev, value FROM objects").all() as { key: string; rev: number; value: string }[];
    const maxRev = (this.db.prepare("SELECT COALESCE(MAX(rev), 0) AS m FROM log").get() as { m: number }).m;
    for (const r of rows) {
      if (r.rev > maxRev) problems.push(`${r.key}: revision ${r.rev} is past the log head ${maxRev}`);
      try {
        const o = JSON.parse(r.value) as KubeObject;
        if (o.metadata.resourceVersion !== String(r.rev)) problems.push(`${r.key}: resourceVersion ${o.metadata.resourceVersion} != row revision ${r.rev}`);
      } catch {
        problems.push(`${r.key}: value is not JSON`);
      }
    }
    return problems;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.subs.clear();
    this.checkpointer?.stop();
    this.db.close();
  }

  // ---- internals ---------------------------------------------------------------------------------------

  private autoCompact(): void {
    this.writesSinceCompaction = 0;
    const target = this.rev - this.retain;
    if (target > this.compactedRev) this.compact(Math.min(target, this.compactedRev + 2 * COMPACTION_STEP));
  }

  private readDataVersion(): number {
    return this.stmts.dataVersion.get() as number;
  }

  /**
   * Picks up writes committed by another process sharing the database file. Asked once per synchronous
   * stretch (a controller pass peeks dozens of times per pod): a write another process completed before the
   * stretch began is seen by its first read, so every request still reads what was committed before it was
   * sent; RECHECK_MS bounds the stretch should it wait synchronously (a spawnSync of a writer), and a commit
   * by another Store of this process is seen at once.
   */
  private refresh(): void {
    if (this.closed) return;
    const now = performance.now();
    const last = this.lastCheck;
    if (last !== undefined && last.commits === commitsInProcess && now - last.at < RECHECK_MS) return;
    if (last === undefined) queueMicrotask(() => (this.lastCheck = undefined));
    this.lastCheck = { at: now, commits: commitsInProcess };
    if (this.readDataVersion() === this.dataVersion) return;
    // The compaction mark and the log rows are read in one snapshot: another process compacting between the
    // two reads would otherwise delete rows this copy has not seen while the mark said they were still there.
    this.db.transaction(() => {
      this.dataVersion = this.readDataVersion();
      this.catchUp();
    })();
    this.emitCaughtUp();
  }

  /** Watchers hear what catchUp read only after its transaction ended, so they may write at once. */
  private emitCaughtUp(): void {
    const events = this.caughtUp;
    if (events.length === 0) return;
    this.caughtUp = [];
    for (const ev of events) this.emit(ev);
  }

  /** Reads what other processes committed since `rev`; called inside a transaction (one snapshot). */
  private catchUp(): void {
    const compacted = Number((this.stmts.getMeta.get("compacted") as { v: string }).v);
    if (compacted > this.rev) {
      this.reload();
      return;
    }
    const rows = this.stmts.since.all(this.rev) as { rev: number; key: string; type: number; value: string }[];
    for (const r of rows) {
      const [kind, namespace, name] = splitKey(r.key);
      const obj = JSON.parse(r.value) as KubeObject;
      const type = EVENT_NAMES[r.type]!;
      const previous = this.entries.get(r.key)?.obj;
      if (type === "DELETED") this.forget(r.key);
      else this.remember({ key: r.key, kind, namespace, name, rev: r.rev, obj, json: r.value });
      this.rev = r.rev;
      this.caughtUp.push(type === "MODIFIED" && previous ? { type, revision: r.rev, object: obj, json: r.value, previous } : { type, revision: r.rev, object: obj, json: r.value });
    }
    this.compactedRev = compacted;
  }

  private reload(): void {
    // One read transaction, so the objects, the clock, the compaction mark and data_version are of one snapshot
    // (another process's commit between two of these reads would otherwise be counted but never loaded).
    this.db.transaction(() => {
      this.dataVersion = this.readDataVersion();
      this.entries.clear();
      this.byKind.clear();
      const rows = this.db.prepare("SELECT key, kind, namespace, name, rev, value FROM objects").all() as {
        key: string; kind: string; namespace: string; name: string; rev: number; value: string;
      }[];
      for (const r of rows) {
        this.remember({ key: r.key, kind: r.kind, namespace: r.namespace, name: r.name, rev: r.rev, obj: JSON.parse(r.value) as KubeObject, json: r.value });
      }
      this.rev = (this.db.prepare("SELECT COALESCE(MAX(rev), 0) AS m FROM log").get() as { m: number }).m;
      this.compactedRev = Number((this.stmts.getMeta.get("compacted") as { v: string }).v);
    })();
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

  private emit(ev: WatchEvent): void {
    for (const s of this.subs) {
      const out = translate(s.filter, ev);
      if (!out) continue;
      try {
        s.listener(out);
      } catch (err) {
        // A failing watcher must not undo a committed write or starve the others; it is detached instead.
        this.subs.delete(s);
        process.emitWarning(`cluster store: a watcher failed and was removed: ${(err as Error).message}`);
      }
    }
  }
}

function splitKey(key: string): [string, string, string] {
  const a = key.indexOf("/");
  const b = key.indexOf("/", a + 1);
  return [key.slice(0, a), key.slice(a + 1, b), key.slice(b + 1)];
}

/** "create PersistentVolumeClaim default/v" or "3 objects (create PersistentVolumeClaim default/v, ...)". */
function describeOps(ops: readonly WriteOp[]): string {
  const one = (op: WriteOp): string => {
    if (op.op === "delete") return `delete ${op.kind} ${op.namespace ? `${op.namespace}/` : ""}${op.name}`;
    const m = op.object.metadata;
    return `${op.op} ${op.object.kind} ${m.namespace ? `${m.namespace}/` : ""}${m.name}`;
  };
  if (ops.length === 1) return one(ops[0]!);
  return `${ops.length} objects (${ops.slice(0, 3).map(one).join(", ")}${ops.length > 3 ? ", ..." : ""})`;
}
