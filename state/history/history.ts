// The history of one state file: every state-changing command records one version (a snapshot plus an
// audit record); drift checks and pruning record events. See docs/state-history.md for the storage design.
//
//   const { history, diags } = openHistory(store.path, { keyring, keep: 100 });
//   // after the command's final store.persist() succeeded, still holding the state lock:
//   const r = history.recordVersion({ command: "apply", args: argv, configDir: ctx.cwd, env: ctx.env }, state);

import { existsSync, readFileSync } from "node:fs";
import { withSalt } from "../encryption/keyring.js";
import { writeFileAtomicSync } from "./files.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Keyring } from "../encryption/keyring.js";
import { canonicalJson, parseJsonExact, type JsonValue } from "../../lang/values/json-exact.js";
import type { StateFile } from "../model.js";
import { loadAddressKey } from "./address-key.js";
import { compareSnapshots, type InstanceDelta } from "./compare.js";
import { actorFrom, configInfo, sanitizeArgs } from "./meta.js";
import { ObjectFiles } from "./object-files.js";
import { ObjectStore } from "./object-store.js";
import { historyPathsFor, unsafeHistoryDirectory, UnsafeHistoryDirectory, type HistoryPaths } from "./paths.js";
import { pruneTrail } from "./prune.js";
import { sealRecord, RECORD_FORMAT, type HistoryRecord, type ResourceChange, type UnsealedRecord } from "./record.js";
import { buildSnapshot, loadBucket, loadRoot, loadState, objectText, SnapshotReadError, writeSnapshot, type BucketEntry, type BuiltSnapshot, type RootManifest } from "./snapshot.js";
import { appendRecord, readTrail } from "./trail.js";

export interface HistoryOptions {
  /** Encrypts new snapshots and opens encrypted ones; undefined = plaintext snapshots. */
  readonly keyring?: Keyring;
  /** Retention: how many versions to keep (older ones are pruned after each new version); default all. */
  readonly keep?: number;
  /** fsync every write (default true; benchmarks building fixtures turn it off). */
  readonly fsync?: boolean;
  /** Cairn's version, recorded with each record. */
  readonly cairnVersion?: string;
}

export interface VersionMeta {
  /** The command: "apply", "destroy", "import", "state mv", "state rm", "state rollback", ... */
  readonly command: string;
  /** The command's raw arguments; recorded by flag name only (see sanitizeArgs). */
  readonly args?: readonly string[];
  /** The configuration directory, for the configuration digest and git commit. */
  readonly configDir?: string;
  /** sha256 hex of the saved plan file that was applied (planFileDigest). */
  readonly planDigest?: string;
  /** An apply recovered from the journal after a crash. */
  readonly partial?: boolean;
  /** Set by rollback: the serial restored. */
  readonly rollbackOf?: number;
  /** Recording a version written without being recorded (see unrecordedGap): the last recorded serial. */
  readonly recoveredAfter?: number;
  /** Per-instance actions when the caller knows them (an apply knows "replace"); computed otherwise. */
  readonly changes?: readonly ResourceChange[];
  /** For the actor (CAIRN_ACTOR); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Default now. */
  readonly time?: Date;
}

export interface RecordResult {
  /** The new record, or the existing last version when the state equals it (nothing to record). */
  readonly record?: HistoryRecord;
  readonly recorded: boolean;
  readonly diags: Diagnostic[];
}

/** A resolved snapshot: its manifest and how to open its buckets and objects. */
export interface SnapshotHandle {
  readonly record: HistoryRecord;
  readonly root: RootManifest;
  readonly store: ObjectStore;
  bucket(id: string, addr: string): readonly BucketEntry[];
}

export class History {
  readonly fsync: boolean;
  private sealedStore?: ObjectStore;
  readonly plainStore: ObjectStore;
  /** The stored bytes both stores read and write (packs, and loose objects of older histories). */
  readonly files: ObjectFiles;
  private readonly bucketCache = new Map<string, BucketEntry[]>();

  constructor(
    readonly statePath: string,
    readonly paths: HistoryPaths,
    readonly options: HistoryOptions,
    addressKey: Buffer | undefined,
  ) {
    this.fsync = options.fsync ?? true;
    this.files = new ObjectFiles(paths.objects, this.fsync);
    this.plainStore = new ObjectStore(this.files, undefined, undefined);
    this.setAddressKey(addressKey);
  }

  private setAddressKey(key: Buffer | undefined): void {
    if (key) this.sealedStore = new ObjectStore(this.files, this.options.keyring, key);
  }

  get encrypted(): boolean {
    return this.options.keyring !== undefined;
  }

  /** Every record in the trail that could be read, in trail order (seq; all events: versions, drift checks, prunes).
   * Sorting by seq means a reordered file is reported once by the audit and read correctly everywhere else. */
  list(): HistoryRecord[] {
    return readTrail(this.paths)
      .flatMap((l) => (l.record ? [l.record] : []))
      .sort((a, b) => a.seq - b.seq);
  }

  /**
   * When `state` is a version the history never recorded (its serial is past the last recorded version of
   * its lineage, or nothing is recorded at all): the last recorded serial (0 for none). A state edited by hand
   * under a recorded serial is not a gap: that stays an audit finding.
   */
  unrecordedGap(state: StateFile): number | undefined {
    const last = this.lastVersion();
    if (last === undefined) return 0;
    if (last.lineage !== state.lineage || state.serial <= last.serial) return undefined;
    return last.serial;
  }

  versions(): HistoryRecord[] {
    return this.list().filter((r) => r.event === "version");
  }

  lastVersion(): HistoryRecord | undefined {
    const all = this.list();
    for (let i = all.length - 1; i >= 0; i--) if (all[i]!.event === "version") return all[i];
    return undefined;
  }

  /** The object store a version's snapshot lives in, or a diagnostic when its key is not available. */
  storeFor(record: HistoryRecord): { store?: ObjectStore; diag?: Diagnostic } {
    if (!record.sealed) return { store: this.plainStore };
    if (this.sealedStore === undefined) {
      const opened = loadAddressKey(this.paths, this.options.keyring, false, this.fsync);
      if (opened.key) this.setAddressKey(opened.key);
      else {
        return {
          diag: opened.diags[0] ?? {
            severity: "error",
            summary: "Missing encryption key",
            detail: `The snapshot of version ${record.serial} is encrypted, but no passphrase is configured (CAIRN_STATE_PASSPHRASE or the terraform block's encryption settings).`,
          },
        };
      }
    }
    return { store: this.sealedStore };
  }

  /** The manifest of a version's snapshot (cheap: one object), for comparisons and diffs. */
  handle(record: HistoryRecord): { handle?: SnapshotHandle; diags: Diagnostic[] } {
    const { store, diag } = this.storeFor(record);
    if (!store) return { diags: [diag!] };
    try {
      const root = loadRoot(store, record.snapshot!);
      const bucket = (_id: string, addr: string) => this.cachedBucket(store, addr);
      return { handle: { record, root, store, bucket }, diags: [] };
    } catch (err) {
      return { diags: [snapshotDiag(record, err)] };
    }
  }

  private cachedBucket(store: ObjectStore, addr: string): BucketEntry[] {
    let b = this.bucketCache.get(addr);
    if (!b) this.bucketCache.set(addr, (b = loadBucket(store, addr)));
    return b;
  }

  /** The latest version recorded with `serial`. */
  findVersion(serial: number): HistoryRecord | undefined {
    const v = this.versions();
    for (let i = v.length - 1; i >= 0; i--) if (v[i]!.serial === serial) return v[i];
    return undefined;
  }

  /** The state as it was at version `serial` (for `state show -serial N`, `state diff`, rollback). */
  snapshotAt(serial: number): { state?: StateFile; record?: HistoryRecord; diags: Diagnostic[] } {
    const record = this.findVersion(serial);
    if (!record) return { diags: [noSuchVersion(serial, this.versions())] };
    const { store, diag } = this.storeFor(record);
    if (!store) return { record, diags: [diag!] };
    try {
      return { state: loadState(store, record.snapshot!, exactJson), record, diags: [] };
    } catch (err) {
      return { record, diags: [snapshotDiag(record, err)] };
    }
  }

  /** Loads one instance object of a snapshot (diffs load only the instances that differ). */
  instanceJson(store: ObjectStore, addr: string): JsonValue {
    return exactJson(objectText(store, addr, "snapshot instance"));
  }

  outputsJson(store: ObjectStore, addr: string): { [name: string]: JsonValue } {
    return exactJson(objectText(store, addr, "snapshot outputs")) as { [name: string]: JsonValue };
  }

  /**
   * Records `state` (as just persisted) as a new version: one call per state-changing command, after its
   * final persist, while it still holds the state lock. A state equal to the last version records nothing.
   */
  recordVersion(meta: VersionMeta, state: StateFile): RecordResult {
    const diags: Diagnostic[] = [];
    const trail = this.list();
    const last = trail[trail.length - 1];
    let prevVersion: HistoryRecord | undefined;
    for (let i = trail.length - 1; i >= 0 && !prevVersion; i--) if (trail[i]!.event === "version") prevVersion = trail[i];

    let store = this.plainStore;
    if (this.options.keyring) {
      if (!this.sealedStore) {
        const k = loadAddressKey(this.paths, this.options.keyring, true, this.fsync);
        if (!k.key) return { recorded: false, diags: k.diags };
        this.setAddressKey(k.key);
      }
      store = this.sealedStore!;
    }
    const built = buildSnapshot(state, (t) => store.address(t));
    if (prevVersion && prevVersion.snapshot === built.rootAddr && !!prevVersion.sealed === !!this.options.keyring && meta.rollbackOf === undefined && meta.recoveredAfter === undefined) {
      return { record: prevVersion, recorded: false, diags };
    }

    let prev: SnapshotHandle | undefined;
    if (prevVersion && prevVersion.lineage === state.lineage) {
      const h = this.handle(prevVersion);
      if (h.handle) prev = h.handle;
      else diags.push(...h.diags.map(asWarning("the change list of this version is incomplete")));
    }
    let deltas: InstanceDelta[] = [];
    let outputsChanged: string[] = [];
    try {
      deltas = compareSnapshots(prev ? { root: prev.root, bucket: prev.bucket } : undefined, { root: built.root, bucket: (id) => built.bucketEntries.get(id) ?? [] });
      outputsChanged = changedOutputs(prev ? this.outputsJson(prev.store, prev.root.outputs) : {}, state.outputs as unknown as { [n: string]: JsonValue });
    } catch (err) {
      diags.push(asWarning("the change list of this version is incomplete")(snapshotDiag(prevVersion!, err)));
    }

    writeSnapshot(built, store);
    const env = meta.env ?? process.env;
    const config = meta.configDir !== undefined ? configInfo(meta.configDir) : undefined;
    const body: UnsealedRecord = {
      format: RECORD_FORMAT,
      seq: (last?.seq ?? 0) + 1,
      event: "version",
      serial: state.serial,
      lineage: state.lineage,
      time: (meta.time ?? new Date()).toISOString(),
      actor: actorFrom(env),
      command: { name: meta.command, args: sanitizeArgs(meta.args ?? []) },
      cairn_version: this.options.cairnVersion ?? state.terraform_version,
      ...(config ? { config } : {}),
      ...(meta.planDigest ? { plan_digest: meta.planDigest } : {}),
      ...(meta.partial ? { partial: true } : {}),
      ...(meta.rollbackOf !== undefined ? { rollback_of: meta.rollbackOf } : {}),
      ...(meta.recoveredAfter !== undefined ? { recovered_after: meta.recoveredAfter } : {}),
      changes: mergeChanges(meta.changes, deltas),
      outputs_changed: outputsChanged,
      snapshot: built.rootAddr,
      ...(this.options.keyring ? { sealed: true } : {}),
      instances: built.root.instances,
      prev: last?.hash ?? "",
    };
    const record = sealRecord(body);
    appendRecord(this.paths, record, this.fsync);
    if (this.options.keep !== undefined) diags.push(...pruneTrail(this, this.options.keep, { env, time: meta.time }));
    return { record, recorded: true, diags };
  }

  /** Appends a non-version event (drift check) for the current state serial. */
  recordEvent(body: Omit<UnsealedRecord, "seq" | "prev" | "format" | "time" | "actor" | "cairn_version">, meta: { env?: NodeJS.ProcessEnv; time?: Date }): HistoryRecord {
    const trail = this.list();
    const last = trail[trail.length - 1];
    const record = sealRecord({
      format: RECORD_FORMAT,
      seq: (last?.seq ?? 0) + 1,
      time: (meta.time ?? new Date()).toISOString(),
      actor: actorFrom(meta.env ?? process.env),
      cairn_version: this.options.cairnVersion ?? "",
      ...body,
      prev: last?.hash ?? "",
    });
    appendRecord(this.paths, record, this.fsync);
    return record;
  }

  /** The snapshot of `state` as it would be stored (nothing written): the audit compares the state file with it. */
  buildFor(state: StateFile, sealed: boolean): { built?: BuiltSnapshot; store?: ObjectStore; diags: Diagnostic[] } {
    let store = this.plainStore;
    if (sealed) {
      const s = this.storeFor({ sealed: true, serial: state.serial } as HistoryRecord);
      if (!s.store) return { diags: [s.diag!] };
      store = s.store;
    }
    return { built: buildSnapshot(state, (t) => store.address(t)), store, diags: [] };
  }

  /**
   * Completes a key rotation: every encrypted snapshot object that opens only with a fallback passphrase is
   * re-sealed with the primary one, so the old passphrase can then be dropped. Returns how many were rewritten.
   */
  rekey(): { rewritten: number; diags: Diagnostic[] } {
    const sealed = this.versions().find((r) => r.sealed);
    if (!sealed || !this.options.keyring) return { rewritten: 0, diags: [] };
    const { store, diag } = this.storeFor(sealed);
    if (!store) return { rewritten: 0, diags: [diag!] };
    return { rewritten: store.resealAll(), diags: [] };
  }

  exists(): boolean {
    return existsSync(this.paths.records);
  }
}

export function openHistory(statePath: string, options: HistoryOptions = {}): { history: History; diags: Diagnostic[] } {
  const unsafe = unsafeHistoryDirectory(statePath);
  if (unsafe !== undefined) throw new UnsafeHistoryDirectory(`Refusing to use the history directory: ${unsafe}`);
  const paths = historyPathsFor(statePath);
  if (options.keyring) {
    // One KDF salt for the whole history, so reading a thousand objects costs one key derivation.
    options = { ...options, keyring: withSalt(options.keyring, historySalt(paths, options.keyring.writeSalt, options.fsync ?? true)) };
  }
  const k = loadAddressKey(paths, options.keyring, false, options.fsync ?? true);
  // A key that does not open the address key is reported now; reading plaintext versions still works.
  return { history: new History(statePath, paths, options, k.key), diags: options.keyring ? k.diags : [] };
}

/** The history's KDF salt (not secret), created with the first encrypted write. */
function historySalt(paths: HistoryPaths, fresh: string, fsync: boolean): string {
  try {
    const s = readFileSync(paths.salt, "utf8").trim();
    if (/^[A-Za-z0-9+/=]{16,}$/.test(s)) return s;
  } catch {
    // none yet
  }
  // Only an existing history gets a salt file: opening a history to read it must not create one. (Each
  // envelope carries its salt, so objects written before the file existed stay readable.)
  if (existsSync(paths.dir)) writeFileAtomicSync(paths.salt, fresh, fsync);
  return fresh;
}

function exactJson(text: string): JsonValue {
  const r = parseJsonExact(text);
  if (!r.ok) throw new SnapshotReadError("", r.message, "snapshot object");
  return r.value;
}

/**
 * The caller's actions (an apply knows "replace") for the instances it names, plus the computed change of
 * every other instance that differs (an apply's refresh also updates objects it did not plan to change).
 */
function mergeChanges(given: readonly ResourceChange[] | undefined, deltas: readonly InstanceDelta[]): ResourceChange[] {
  const computed = deltas.map((d) => ({ address: d.address, action: d.action }));
  if (given === undefined) return computed;
  const named = new Set(given.map((c) => c.address));
  return [...given, ...computed.filter((c) => !named.has(c.address))];
}

function changedOutputs(before: { [n: string]: JsonValue }, after: { [n: string]: JsonValue }): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const n of names) {
    const a = before[n];
    const b = after[n];
    if (a === undefined || b === undefined || canonicalJson(a) !== canonicalJson(b)) out.push(n);
  }
  return out.sort();
}

export function snapshotDiag(record: HistoryRecord, err: unknown): Diagnostic {
  if (!(err instanceof SnapshotReadError)) throw err;
  return { severity: "error", summary: "Damaged history snapshot", detail: `Version ${record.serial}: ${err.message}. Run "cairn state audit" for details.` };
}

function asWarning(why: string): (d: Diagnostic) => Diagnostic {
  return (d) => ({ ...d, severity: "warning", detail: `${d.detail ?? ""} (${why})` });
}

function noSuchVersion(serial: number, versions: readonly HistoryRecord[]): Diagnostic {
  const known = versions.length === 0 ? "The history has no versions yet." : `Recorded serials: ${versions[0]!.serial} to ${versions[versions.length - 1]!.serial} (see "cairn state history").`;
  return { severity: "error", summary: "No such state version", detail: `No version with serial ${serial} is in the history. ${known}` };
}
