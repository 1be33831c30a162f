// LocalStateStore: the state in a file in the working directory (default "cairn.tfstate"), Terraform's local
// backend semantics:
// - writes are atomic (temp file, fsync, rename, fsync directory) and the file is mode 0600;
// - the first persist of a store instance copies the file it replaces to "<path>.backup", so the backup is
//   the state from before the current command, as Terraform keeps it;
// - a file that fails to load is never overwritten (persist refuses, with the load error);
// - the lock is ".<name>.lock.info" beside the state (see lock.ts); the crash journal is "<path>.journal".

import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Diagnostic } from "../planner/lang/diagnostics.js";
import { writeFileAtomic } from "./atomic-file.js";
import { acquireLockFile, readLockInfo, releaseLockFile, type LockInfo, type LockRequest, type LockResult } from "./lock.js";
import { cloneState, type StateFile } from "./model.js";
import { parseState } from "./parse.js";
import { serializeState } from "./serialize.js";
import type { StateReadResult, StateStore } from "./store.js";

export const DEFAULT_STATE_FILENAME = "cairn.tfstate";

export interface LocalStateStoreOptions {
  /** The state file; relative paths are resolved against `workingDir`. Default "cairn.tfstate". */
  readonly path?: string;
  readonly workingDir?: string;
  /** Default "<path>.backup". */
  readonly backupPath?: string;
}

/** What we last saw on disk, to notice when someone else replaced the file. */
interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

export class LocalStateStore implements StateStore {
  readonly path: string;
  readonly backupPath: string;
  readonly lockPath: string;
  readonly journalPath: string;

  /** The state given to write(), if any. */
  private transient?: StateFile;
  /** The last state read from or persisted to disk, serialized without regard to serial. */
  private persisted?: { state: StateFile; text: string; identity: FileIdentity };
  /** Set when the file on disk failed to load: from then on this store never overwrites it. */
  private loadError?: Diagnostic[];
  private backupTaken = false;

  constructor(options: LocalStateStoreOptions = {}) {
    const wd = options.workingDir ?? process.cwd();
    this.path = resolve(wd, options.path ?? DEFAULT_STATE_FILENAME);
    this.backupPath = options.backupPath ? resolve(wd, options.backupPath) : this.path + ".backup";
    this.lockPath = join(dirname(this.path), `.${basename(this.path)}.lock.info`);
    this.journalPath = this.path + ".journal";
  }

  async read(): Promise<StateReadResult> {
    if (this.transient) return { state: cloneState(this.transient), diags: [] };
    const loaded = await this.load();
    if (loaded.diags.length > 0) return { diags: loaded.diags };
    return { state: loaded.state ? cloneState(loaded.state) : undefined, diags: [] };
  }

  write(state: StateFile): void {
    this.transient = cloneState(state);
  }

  async persist(): Promise<Diagnostic[]> {
    if (!this.transient) return [];
    // Re-check the file we are about to replace (cheaply: only when it changed since we last saw it).
    const loaded = await this.load();
    if (loaded.diags.length > 0) return [this.refusal(loaded.diags)];
    const base = loaded.state;
    // write() already made `transient` this store's own copy: no second copy of a 20,000-object state.
    const next = this.transient;
    // Serialize once with the old serial: equal text means nothing changed and nothing is written.
    const oldSerial = base?.serial ?? next.serial;
    let text = serializeState({ ...next, serial: oldSerial });
    if (base !== undefined && text === this.persisted?.text) return [];
    next.serial = base !== undefined && next.serial > base.serial ? next.serial : oldSerial + 1;
    // The serial line comes before any user-controlled content, so replacing its first occurrence is exact.
    text = text.replace(`"serial": ${oldSerial},`, `"serial": ${next.serial},`);
    try {
      if (!this.backupTaken && base !== undefined) {
        await writeFileAtomic(this.backupPath, await readFile(this.path));
      }
      this.backupTaken = true;
      await writeFileAtomic(this.path, text, 0o600);
      const identity = await this.identity();
      this.persisted = { state: next, text, identity: identity! };
      this.transient = next;
    } catch (err) {
      return [{ severity: "error", summary: "Failed to persist state", detail: `Error writing ${this.path}: ${(err as Error).message}` }];
    }
    return [];
  }

  lock(request: LockRequest): Promise<LockResult> {
    return acquireLockFile(this.lockPath, request, this.path);
  }

  unlock(id: string): Promise<Diagnostic[]> {
    return releaseLockFile(this.lockPath, id);
  }

  /** `cairn force-unlock ID`: removes a lock held by another (possibly dead) process; refuses a wrong ID. */
  forceUnlock(id: string): Promise<Diagnostic[]> {
    return releaseLockFile(this.lockPath, id);
  }

  /** The current lock holder, if any (for `force-unlock` advice and audits). */
  lockInfo(): Promise<LockInfo | undefined | "unreadable"> {
    return readLockInfo(this.lockPath);
  }

  private refusal(cause: Diagnostic[]): Diagnostic {
    return {
      severity: "error",
      summary: "Failed to persist state",
      detail: `Cairn refuses to overwrite ${this.path} because it could not be loaded:\n\n${cause.map((d) => d.detail ?? d.summary).join("\n")}`,
    };
  }

  private async identity(): Promise<FileIdentity | undefined> {
    try {
      const s = await stat(this.path);
      return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  }

  /** The persisted state (undefined when there is no file or it is empty), re-read only if the file changed. */
  private async load(): Promise<{ state?: StateFile; diags: Diagnostic[] }> {
    let id: FileIdentity | undefined;
    try {
      id = await this.identity();
    } catch (err) {
      return { diags: [readError(this.path, (err as Error).message)] };
    }
    if (id === undefined) {
      this.persisted = undefined;
      this.loadError = undefined;
      return { diags: [] };
    }
    const known = this.persisted?.identity;
    if (known && known.ino === id.ino && known.size === id.size && known.mtimeMs === id.mtimeMs) {
      return { state: this.persisted!.state, diags: [] };
    }
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (err) {
      return { diags: [readError(this.path, (err as Error).message)] };
    }
    const parsed = parseState(text, basename(this.path));
    if (parsed.diags.length > 0) {
      this.loadError = parsed.diags;
      this.persisted = undefined;
      return { diags: parsed.diags };
    }
    this.loadError = undefined;
    if (!parsed.state) {
      this.persisted = undefined;
      return { diags: [] };
    }
    this.persisted = { state: parsed.state, text: serializeState(parsed.state), identity: id };
    return { state: parsed.state, diags: [] };
  }

  /** True once a load failed and until the file loads again: callers can check before planning. */
  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }
}

function readError(path: string, message: string): Diagnostic {
  return { severity: "error", summary: "Failed to load state", detail: `Error reading ${path}: ${message}` };
}
