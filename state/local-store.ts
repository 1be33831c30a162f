// LocalStateStore: the state in a file in the working directory (default "cairn.tfstate"), Terraform's local
// backend semantics:
// - writes are atomic (temp file, fsync, rename, fsync directory) and the file is mode 0600;
// - the first persist of a store instance copies the file it replaces to "<path>.backup", so the backup is
//   the state from before the current command, as Terraform keeps it;
// - a file that fails to load is never overwritten (persist refuses, with the load error);
// - the lock is ".<name>.lock.db" (an OS-level lock the kernel frees when the holder dies) with
//   ".<name>.lock.info" beside it for messages (see lock.ts); the crash journal is "<path>.journal".
// - with a keyring (encryption at rest, state/encryption), the file and its backups are written encrypted and
//   read decrypted; a plaintext file still reads (turning encryption on: the next write encrypts it, and so
//   does re-sealing after a key rotation). A wrong or missing key is a load error, so nothing is overwritten.
//   Without a keyring every byte written is exactly as before.

import { closeSync, openSync, readSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Diagnostic } from "../lang/diagnostics.js";
import { createHash } from "node:crypto";
import { AtomicFileWriter, copyFileAtomic, writeFileAtomic } from "./atomic-file.js";
import { isEncrypted } from "./encryption/envelope.js";
import { decryptStateFile, sealFileData } from "./encryption/files.js";
import { withSalt, type Keyring } from "./encryption/keyring.js";
import { acquireLockFile, forceUnlockFile, readLockInfo, releaseLockFile, type LockInfo, type LockRequest, type LockResult } from "./lock.js";
import { cloneState, type StateFile } from "./model.js";
import { MAX_TEXT_PARSE_BYTES, parseStateBuffer, parseStateFile, type ParsedState } from "./parse.js";
import { headerChunk, stateChunks } from "./serialize.js";
import type { StateReadResult, StateStore } from "./store.js";

export const DEFAULT_STATE_FILENAME = "cairn.tfstate";

export interface LocalStateStoreOptions {
  /** The state file; relative paths are resolved against `workingDir`. Default "cairn.tfstate". */
  readonly path?: string;
  readonly workingDir?: string;
  /** Default "<path>.backup". */
  readonly backupPath?: string;
  /** Encryption at rest: the state file and its backups are sealed with the primary passphrase. */
  readonly keyring?: Keyring;
  /**
   * The encryption settings could not be resolved (a passphrase variable not set, an invalid encryption
   * block): every read reports these and nothing is ever written, rather than falling back to plaintext.
   */
  readonly keyringDiags?: readonly Diagnostic[];
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
  /** The history is kept beside the state file (state/history/paths.ts). */
  get historyPath(): string {
    return this.path;
  }
  private sealing?: Keyring;
  private readonly keyringDiags?: readonly Diagnostic[];

  /** The state given to write(), if any. */
  private transient?: StateFile;
  /** The last state read from or persisted to disk, with the digest of its serialization without the serial
   * (see stateDigest; computed lazily for a loaded file, which is not re-serialized on load). */
  private persisted?: { state: StateFile; digest?: string; identity: FileIdentity; sealedWithPrimary: boolean };
  /** Set when the file on disk failed to load: from then on this store never overwrites it. */
  private loadError?: Diagnostic[];
  private backupTaken = false;

  constructor(options: LocalStateStoreOptions = {}) {
    const wd = options.workingDir ?? process.cwd();
    this.path = resolve(wd, options.path ?? DEFAULT_STATE_FILENAME);
    this.backupPath = options.backupPath ? resolve(wd, options.backupPath) : this.path + ".backup";
    this.lockPath = join(dirname(this.path), `.${basename(this.path)}.lock.info`);
    this.journalPath = this.path + ".journal";
    this.sealing = options.keyring;
    if (options.keyringDiags && options.keyringDiags.some((d) => d.severity === "error")) this.keyringDiags = options.keyringDiags;
  }

  async read(): Promise<StateReadResult> {
    if (this.transient) return { state: cloneState(this.transient), diags: [] };
    const loaded = await this.load();
    if (loaded.diags.length > 0) return { diags: loaded.diags };
    if (loaded.state === undefined) return { state: undefined, diags: [] };
    // The parsed file is handed over, not copied (the copy of 20,000 objects was a tenth of a no-op plan's
    // state reading): the store forgets it and reads the file again if it needs it (a persist after a read).
    this.persisted = undefined;
    return { state: loaded.state, diags: [] };
  }

  write(state: StateFile): void {
    this.transient = cloneState(state);
  }

  writeShared(state: StateFile): void {
    this.transient = state;
  }

  async persist(): Promise<Diagnostic[]> {
    if (!this.transient) return [];
    // Re-check the file we are about to replace (cheaply: only when it changed since we last saw it).
    const loaded = await this.load();
    if (loaded.diags.length > 0) return [this.refusal(loaded.diags)];
    const base = loaded.state;
    // write() already made `transient` this store's own copy: no second copy of a 20,000-object state.
    const next = this.transient;
    const oldSerial = base?.serial ?? next.serial;
    const newSerial = base !== undefined && next.serial > base.serial ? next.serial : oldSerial + 1;
    // "Unchanged" compares digests of the serialization without its serial line (so a persisted state's digest
    // stays valid whatever serial it is written with). The state is streamed once: into the digest and, on
    // the assumption that it changed (the usual case), into the temporary file with the new serial; when it
    // turns out unchanged, the temporary file is dropped.
    const baseDigest = base === undefined ? undefined : (this.persisted!.digest ??= stateDigest(base));
    const sealed = this.keyring !== undefined;
    let writer: AtomicFileWriter | undefined;
    const plain: Buffer[] = [];
    try {
      if (!sealed) writer = await AtomicFileWriter.create(this.path, 0o600);
      const hash = createHash(DIGEST);
      let first = true;
      for (const chunk of stateChunks({ ...next, serial: newSerial })) {
        hash.update(first ? maskSerial(chunk, newSerial) : chunk);
        first = false;
        if (writer) await writer.write(chunk);
        else plain.push(Buffer.from(chunk, "utf8"));
      }
      const digest = hash.digest("base64");
      const unchanged = base !== undefined && digest === baseDigest;
      // An unchanged state is still rewritten (same serial) when it must be sealed with the primary key: a
      // plaintext file once encryption is on, or a file that opened only with a fallback passphrase.
      if (unchanged && (!sealed || this.persisted?.sealedWithPrimary === true)) {
        await writer?.abort();
        return [];
      }
      next.serial = unchanged ? oldSerial : newSerial;
      if (!this.backupTaken && base !== undefined) await this.writeBackup();
      this.backupTaken = true;
      if (writer) {
        await writer.commit();
      } else {
        if (unchanged) plain[0] = Buffer.from(headerChunk(next, next.serial), "utf8");
        const data = plain.length === 1 ? plain[0] : Buffer.concat(plain);
        plain.length = 0;
        await writeFileAtomic(this.path, sealFileData(data, this.keyring, "state"), 0o600);
      }
      const identity = await this.identity();
      this.persisted = { state: next, digest, identity: identity!, sealedWithPrimary: sealed };
      this.transient = next;
    } catch (err) {
      await writer?.abort();
      return [{ severity: "error", summary: "Failed to persist state", detail: `Error writing ${this.path}: ${(err as Error).message}` }];
    }
    return [];
  }

  /** The keyring the state and the files beside it (the journal) are sealed with; undefined = plaintext. */
  get keyring(): Keyring | undefined {
    return this.sealing;
  }

  lock(request: LockRequest): Promise<LockResult> {
    return acquireLockFile(this.lockPath, request, this.path);
  }

  unlock(id: string): Promise<Diagnostic[]> {
    return releaseLockFile(this.lockPath, id);
  }

  /** `cairn force-unlock ID`: removes the lock info a dead process left (any, when empty or damaged); refuses a
   * wrong ID and a lock whose holder is running. */
  forceUnlock(id: string): Promise<Diagnostic[]> {
    return forceUnlockFile(this.lockPath, id);
  }

  /** The current lock holder, if any (for `force-unlock` advice and audits). */
  lockInfo(): Promise<LockInfo | undefined | "unreadable"> {
    return readLockInfo(this.lockPath);
  }

  /** The file being replaced, as its backup: a copy without a keyring (never read into memory); sealed with the
   * primary key with one, so turning encryption on never leaves a plaintext backup behind. */
  private async writeBackup(): Promise<void> {
    if (this.keyring === undefined) return copyFileAtomic(this.path, this.backupPath, 0o600);
    const raw = await readFile(this.path);
    const opened = decryptStateFile(raw, this.keyring);
    if (!opened.ok) throw new Error(opened.diags.map((d) => d.detail ?? d.summary).join(" "));
    await writeFileAtomic(this.backupPath, sealFileData(opened.data, this.keyring, "state"));
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
    if (this.keyringDiags !== undefined) {
      this.loadError = [...this.keyringDiags];
      return { diags: [...this.keyringDiags] };
    }
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
    let data: Buffer;
    let sealedWithPrimary = false;
    let parsed: ParsedState | undefined;
    try {
      // A large plaintext file is parsed as it is read, never held whole (opentofu #1660: 1.4 GB of state).
      if (id.size > MAX_TEXT_PARSE_BYTES) parsed = this.parseLargePlainFile();
    } catch (err) {
      return { diags: [readError(this.path, (err as Error).message)] };
    }
    if (parsed === undefined) try {
      const raw = await readFile(this.path);
      if (isEncrypted(raw)) {
        const opened = decryptStateFile(raw, this.keyring, `The state file ${this.path}`);
        if (!opened.ok) {
          const diags = opened.diags.map((d) => readError(this.path, `${d.summary}. ${d.detail ?? ""}`));
          this.loadError = diags;
          this.persisted = undefined;
          return { diags };
        }
        data = opened.data;
        sealedWithPrimary = !opened.usedFallback;
        if (sealedWithPrimary) this.adoptSalt(raw);
      } else {
        data = raw;
      }
    } catch (err) {
      return { diags: [readError(this.path, (err as Error).message)] };
    }
    parsed ??= parseStateBuffer(data!, basename(this.path));
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
    // No re-serialization here: the digest that persist() compares against is computed when first needed.
    this.persisted = { state: parsed.state, identity: id, sealedWithPrimary };
    return { state: parsed.state, diags: [] };
  }

  /** Parses the state file as it is read when it is not encrypted; undefined when it is. */
  private parseLargePlainFile(): ParsedState | undefined {
    const fd = openSync(this.path, "r");
    try {
      const head = Buffer.alloc(64);
      const got = readSync(fd, head, 0, head.length, 0);
      if (isEncrypted(head.subarray(0, got))) return undefined;
      return parseStateFile(fd, basename(this.path));
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Writes with the salt of the file just opened, so a command derives its (deliberately slow) key once for
   * reading and writing the state and its journal. Each file still gets its own random IV.
   */
  private adoptSalt(raw: Uint8Array): void {
    if (this.keyring === undefined) return;
    try {
      const kdf = (JSON.parse(Buffer.from(raw).toString("utf8")) as { kdf?: { name?: string; salt?: string } }).kdf;
      if (kdf?.name === this.keyring.keyDerivation && typeof kdf.salt === "string" && kdf.salt !== this.keyring.writeSalt) {
        this.sealing = withSalt(this.keyring, kdf.salt);
      }
    } catch {
      // The envelope was just decrypted, so it parses; nothing to adopt otherwise.
    }
  }

  /** True once a load failed and until the file loads again: callers can check before planning. */
  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }
}

const DIGEST = "sha256";

/** The header chunk without its serial line (it is the only line of the header starting with "serial"). */
function maskSerial(header: string, serial: number): string {
  return header.replace(`"serial": ${serial},`, "");
}

/** The digest persist() compares: the state's serialization without its serial, streamed into the hash. */
function stateDigest(s: StateFile): string {
  const hash = createHash(DIGEST);
  let first = true;
  for (const chunk of stateChunks(s)) {
    hash.update(first ? maskSerial(chunk, s.serial) : chunk);
    first = false;
  }
  return hash.digest("base64");
}

function readError(path: string, message: string): Diagnostic {
  return { severity: "error", summary: "Failed to load state", detail: `Error reading ${path}: ${message}` };
}
