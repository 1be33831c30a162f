// StateJournal: durable without being quadratic. Every operation appends a small record to
// "<state>.journal" instead of rewriting the state file; flush() makes everything appended so far durable
// with ONE fdatasync however many operations completed since the previous flush (group commit), and
// concurrent flush() callers share that fsync. The state file is rewritten from the in-memory state
// ("compaction") every `compactAfterRecords` records and at close(), after which the journal restarts with
// a header for the new state serial and the still-pending intents.
//
// Typical use by the apply walk:
//   const { journal, pending } = await StateJournal.open(store, store.journalPath, { cairnVersion });
//   // resolve `pending` intents with the providers (recordResult to adopt, recordAbandon otherwise)
//   journal.recordIntent({ ref, token, action: "create", provider }); await journal.flush(); // then create
//   journal.recordResult({ ref, provider, instance });               await journal.flush(); // then report
//   await journal.close();
// The caller holds the state lock throughout; the journal assumes it is the only writer.

import { open, unlink, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { Diagnostic } from "../lang/diagnostics.js";
import { syncDirectory, writeFileAtomic } from "./atomic-file.js";
import type { Keyring } from "./encryption/keyring.js";
import { encodeRecordLine, JOURNAL_FORMAT, readJournalFile, type AbandonRecord, type ChecksRecord, type IntentRecord, type JournalRecord, type OutputRecord, type ResultRecord } from "./journal-records.js";
import { emptyState, type StateFile } from "./model.js";
import { MutableState } from "./mutable-state.js";
import { instanceKeyOf, resourceKeyOf } from "./instance-ref.js";
import { PendingIntents, replay, type PendingIntent } from "./replay.js";
import type { StateStore } from "./store.js";

export interface JournalOptions {
  /** Written into a new state's terraform_version when there is no state yet. */
  readonly cairnVersion: string;
  /**
   * Rewrite the state file once the journal has grown by this many bytes AND by more than the state holds
   * (default 8 MiB). Tying compaction to the state's size keeps the total bytes written linear in the work
   * done: each compaction writes at most about as much as the journal records it replaces.
   */
  readonly compactAfterBytes?: number;
  /** For tests: compact after this many records instead of by size; 0 disables periodic compaction. */
  readonly compactAfterRecords?: number;
  /** Seals every record (they hold attribute values); default the store's keyring (encryption at rest). */
  readonly keyring?: Keyring;
}

export interface OpenedJournal {
  /** Undefined when the state or the old journal could not be loaded (see diags; nothing was changed). */
  readonly journal?: StateJournal;
  /** Creates interrupted by a crash: ask the provider for an object with each token, then adopt or abandon. */
  readonly pending: PendingIntent[];
  /** Results recovered from a previous run's journal (already written into the state file by open). */
  readonly recovered: number;
  /** The previous journal ended in a torn line (a crash mid-append), which was ignored. */
  readonly tornTail: boolean;
  readonly diags: Diagnostic[];
}

type IntentInput = Omit<IntentRecord, "kind">;
type ResultInput = Omit<ResultRecord, "kind">;

export class StateJournal {
  private buffer: string[] = [];
  private recordsSinceCompaction = 0;
  private bytesSinceCompaction = 0;
  /** Approximate bytes the recorded objects take in the state (their latest result line per address). */
  private readonly liveBytes = new Map<string, number>();
  private liveBytesTotal = 0;
  /** Serializes all file I/O (appends and compactions). */
  private ioTail: Promise<unknown> = Promise.resolve();
  /** A flush queued but not yet started; later callers join it (their records will be in its batch). */
  private queuedFlush?: Promise<Diagnostic[]>;
  /** Once an append or compaction failed, durability is unknown: every later flush reports this. */
  private broken?: Diagnostic;
  private closed = false;
  /** Bytes recorded but not yet written, and the callers waiting for them to drop (room()). */
  private unwritten = 0;
  private roomWaiters: (() => void)[] = [];
  private readonly counters = { records: 0, syncs: 0, compactions: 0 };

  private constructor(
    private readonly store: StateStore,
    private readonly path: string,
    private fh: FileHandle,
    private readonly state: MutableState,
    private readonly pending: PendingIntents,
    private readonly policy: { readonly records?: number; readonly bytes: number },
    private readonly keyring: Keyring | undefined,
  ) {}

  /** Recovers from a previous run if needed (replay, persist, reset) and starts a fresh journal. */
  static async open(store: StateStore, path: string, options: JournalOptions): Promise<OpenedJournal> {
    const fail = (diags: Diagnostic[]): OpenedJournal => ({ pending: [], recovered: 0, tornTail: false, diags });
    const read = await store.read();
    if (read.diags.length > 0) return fail(read.diags);
    let base = read.state;
    if (!base) {
      // The journal must extend a state that exists on disk, so a first run persists an empty state.
      store.write(emptyState(options.cairnVersion));
      const d = await store.persist();
      if (d.length > 0) return fail(d);
      base = (await store.read()).state!;
    }
    // Read after the state: a store adopts the salt of an encrypted state file it opened, so the journal
    // is sealed with the key already derived for the state.
    const keyring = options.keyring ?? store.keyring;
    const old = await readJournalFile(path, keyring);
    if (old.diags.length > 0) return fail(old.diags);
    const replayed = replay(base, old.records);
    if (replayed.diags.length > 0) return fail(replayed.diags);
    let state = replayed.state;
    if (replayed.applied > 0) {
      store.write(state);
      const d = await store.persist();
      if (d.length > 0) return fail(d);
      state = (await store.read()).state!;
    }
    // `state` is this journal's own: a copy from store.read() or replay's result.
    const pending = new PendingIntents();
    for (const i of replayed.pending) pending.add(i);
    try {
      await resetJournalFile(path, state, replayed.pending, keyring);
      const fh = await open(path, "a", 0o600);
      const policy = { records: options.compactAfterRecords, bytes: options.compactAfterBytes ?? 8 * 1024 * 1024 };
      const journal = new StateJournal(store, path, fh, new MutableState(state, true), pending, policy, keyring);
      return { journal, pending: replayed.pending, recovered: replayed.applied, tornTail: old.tornTail, diags: [] };
    } catch (err) {
      return fail([ioError(path, err)]);
    }
  }

  /** Records that a create (or other action) is about to be sent. flush() before sending it. */
  recordIntent(intent: IntentInput): void {
    this.append({ kind: "intent", ...intent });
    this.pending.add(intent);
  }

  /** Records a completed operation: the object now at `ref`, or null when it was deleted. */
  recordResult(result: ResultInput): void {
    this.append({ kind: "result", ...result });
    this.pending.resolveRef(result.ref);
    if (result.instance === null) this.state.removeInstance(result.ref);
    else this.state.setInstance(result.ref, { provider: result.provider, each: result.each }, result.instance);
  }

  recordOutput(output: Omit<OutputRecord, "kind">): void {
    this.append({ kind: "output", ...output });
    this.state.setOutput(output.name, output.output);
  }

  /** Records the run's check results (replacing the state's). */
  recordChecks(checks: Omit<ChecksRecord, "kind">): void {
    this.append({ kind: "checks", ...checks });
    this.state.setCheckResults(checks.results);
  }

  /** Resolves a pending intent for which the provider found no object. */
  recordAbandon(abandon: Omit<AbandonRecord, "kind">): void {
    this.append({ kind: "abandon", ...abandon });
    this.pending.resolveToken(abandon.token);
  }

  /** Resolves once every record made before the call is durable; one fsync serves all waiting callers. */
  flush(): Promise<Diagnostic[]> {
    if (this.queuedFlush) return this.queuedFlush;
    const p = this.enqueue(async () => {
      this.queuedFlush = undefined;
      const d = await this.writeBuffer();
      if (d.length === 0 && this.compactionDue()) return this.compactNow();
      return d;
    });
    this.queuedFlush = p;
    return p;
  }

  /**
   * Resolves once at most `budget` bytes of records wait to be written (starting a flush if needed): the
   * apply asks before each provider operation, so a provider faster than the disk cannot pile up records in
   * memory (opentofu #1660: 1,000 records of 1.4 MB made at 350 MB/s against a 200 MB/s disk).
   */
  room(budget = 64 << 20): Promise<void> {
    if (this.unwritten <= budget || this.broken !== undefined) return Promise.resolve();
    void this.flush();
    return new Promise<void>((resolve) => {
      const check = () => {
        if (this.unwritten <= budget || this.broken !== undefined || this.closed) resolve();
        else this.roomWaiters.push(check);
      };
      check();
    });
  }

  private wroteBytes(n: number): void {
    this.unwritten -= n;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const w of waiters) w();
  }

  /** Rewrites the state file from the journal's state now and restarts the journal. */
  compact(): Promise<Diagnostic[]> {
    return this.enqueue(() => this.compactNow());
  }

  /** Final compaction; the journal file is removed once the state file holds everything. */
  async close(): Promise<Diagnostic[]> {
    const d = await this.compact();
    this.closed = true;
    await this.enqueue(async () => {
      await this.fh.close();
      if (d.length === 0 && this.pending.size === 0) {
        await unlink(this.path).catch(() => undefined);
        await syncDirectory(dirname(this.path)).catch(() => undefined);
      }
      return [];
    });
    return d;
  }

  /** The state as the journal knows it (state file + every recorded result), sorted. */
  currentState(): StateFile {
    return this.state.toState();
  }

  /** Records appended, journal fsyncs and compactions so far (group commit makes syncs << records). */
  stats(): { readonly records: number; readonly syncs: number; readonly compactions: number } {
    return { ...this.counters };
  }

  pendingIntents(): PendingIntent[] {
    return this.pending.list();
  }

  private append(r: JournalRecord): void {
    if (this.closed) throw new Error("state journal: record after close");
    const line = encodeRecordLine(r, this.keyring);
    this.buffer.push(line);
    this.unwritten += line.length;
    this.recordsSinceCompaction++;
    this.bytesSinceCompaction += line.length;
    this.counters.records++;
    if (r.kind === "result") {
      const key = resourceKeyOf(r.ref) + instanceKeyOf(r.ref);
      this.liveBytesTotal -= this.liveBytes.get(key) ?? 0;
      const size = r.instance === null ? 0 : line.length;
      this.liveBytes.set(key, size);
      this.liveBytesTotal += size;
    }
  }

  private compactionDue(): boolean {
    if (this.policy.records !== undefined) return this.policy.records > 0 && this.recordsSinceCompaction >= this.policy.records;
    return this.bytesSinceCompaction >= this.policy.bytes && this.bytesSinceCompaction >= this.liveBytesTotal;
  }

  private enqueue(op: () => Promise<Diagnostic[]>): Promise<Diagnostic[]> {
    const run = this.ioTail.then(() => (this.broken ? [this.broken] : op()));
    this.ioTail = run.catch(() => undefined);
    return run;
  }

  private async writeBuffer(): Promise<Diagnostic[]> {
    if (this.buffer.length === 0) return [];
    const lines = this.buffer;
    this.buffer = [];
    try {
      // Small lines joined into writes of about 1 MB, large ones written as they are: 1,000 records of 1.4 MB
      // each (opentofu #1660) exceed V8's string limit joined, and copying them only makes garbage. A piece
      // written is let go at once rather than when the whole batch is.
      for (let i = 0; i < lines.length; ) {
        let j = i + 1;
        let size = lines[i].length;
        while (j < lines.length && size < 1 << 20 && size + lines[j].length <= 8 << 20) size += lines[j++].length;
        await this.fh.write(j === i + 1 ? lines[i] : lines.slice(i, j).join(""));
        lines.fill("", i, j);
        this.wroteBytes(size);
        i = j;
      }
      await this.fh.datasync();
      this.counters.syncs++;
      return [];
    } catch (err) {
      this.broken = ioError(this.path, err);
      this.wroteBytes(0); // waiters for room() give up: every later flush reports the failure
      return [this.broken];
    }
  }

  private async compactNow(): Promise<Diagnostic[]> {
    // Order matters for crash safety: the state file first (a crash after it leaves a journal whose header
    // serial is now older: replay then skips its results but keeps its intents), then the new journal.
    // Records appended while the state file is being written are not in this snapshot: they must stay in
    // the buffer and go into the new journal, or a flush that returned during compaction would not be durable.
    const covered = this.buffer.length;
    // A store that can keep the snapshot without copying it gets one that shares the instances with the
    // journal's state: compaction then holds the state once, plus the piece of the file being written.
    const shared = this.store.writeShared !== undefined;
    const snapshot = shared ? this.state.snapshot() : this.state.toState();
    if (shared) this.store.writeShared!(snapshot);
    else this.store.write(snapshot);
    const d = await this.store.persist();
    if (d.length > 0) {
      this.broken = d[0];
      return d;
    }
    try {
      const persisted = shared ? { lineage: snapshot.lineage, serial: snapshot.serial } : (await this.store.read()).state!;
      this.state.serial = persisted.serial;
      // The covered records are in the state file now: they no longer wait to be written.
      this.wroteBytes(this.buffer.slice(0, covered).reduce((n, l) => n + l.length, 0));
      this.buffer = this.buffer.slice(covered);
      this.recordsSinceCompaction = 0;
      this.bytesSinceCompaction = 0;
      await this.fh.close();
      await resetJournalFile(this.path, persisted, this.pending.list(), this.keyring);
      this.fh = await open(this.path, "a", 0o600);
      this.counters.compactions++;
      return [];
    } catch (err) {
      this.broken = ioError(this.path, err);
      return [this.broken];
    }
  }
}

/** Atomically replaces the journal with a header for `state` followed by the still-pending intents. */
async function resetJournalFile(path: string, state: Pick<StateFile, "lineage" | "serial">, pending: readonly PendingIntent[], keyring: Keyring | undefined): Promise<void> {
  const lines = [encodeRecordLine({ kind: "header", format: JOURNAL_FORMAT, lineage: state.lineage, serial: state.serial }, keyring)];
  for (const i of pending) lines.push(encodeRecordLine({ kind: "intent", ...i }, keyring));
  await writeFileAtomic(path, lines.join(""), 0o600);
}

function ioError(path: string, err: unknown): Diagnostic {
  return {
    severity: "error",
    summary: "Failed to persist state",
    detail: `Error writing the state journal ${path}: ${(err as Error).message ?? String(err)}. The operations completed so far may not be recorded; do not run another apply before checking the state.`,
  };
}
