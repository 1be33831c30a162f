// The local state lock. Two files beside the state:
// - ".<name>.lock.db": the lock itself. The holder keeps an exclusive SQLite transaction open on it, which is
//   a POSIX record lock on an open file descriptor: the kernel frees it when the holder exits, however it
//   exits (kill -9 included), so a dead holder never leaves the state locked. Why SQLite and not flock: see
//   README.md. The file is never deleted (deleting a lock file another process may be opening breaks mutual
//   exclusion); it stays empty.
// - ".<name>.lock.info": Terraform's lock-info JSON plus the holder's pid, written after the lock is taken and
//   removed before it is released. It is only for messages ("who holds it"). One left behind by a dead holder
//   is simply replaced by the next holder. So it is never fsynced: after a power loss the OS-level lock is gone
//   anyway, and an info file that came back empty or torn reads as "unreadable" and is replaced. (Syncing it
//   and its directory cost a locking command ~90 ms of waiting on a virtual disk, for nothing.)

import { open, readFile, rename, unlink } from "node:fs/promises";
import { chmodSync, statSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { hostname, userInfo } from "node:os";
import { dirname } from "node:path";
import { createRequire } from "node:module";
import type Database from "better-sqlite3";
import type { Diagnostic } from "../lang/diagnostics.js";
/** Terraform's lock info (statemgr.LockInfo) field for field, plus Pid. */
export interface LockInfo {
  ID: string;
  /** e.g. "OperationTypeApply", "OperationTypePlan". */
  Operation: string;
  /** Free-form extra information. */
  Info: string;
  /** user@host */
  Who: string;
  /** The Cairn version of the holder. */
  Version: string;
  /** RFC 3339 time the lock was taken. */
  Created: string;
  /** The state file the lock protects. */
  Path: string;
  Pid: number;
}

export interface LockRequest {
  readonly operation: string;
  readonly info?: string;
  /** The holder's Cairn version. */
  readonly version: string;
  /** How long to keep retrying a held lock (-lock-timeout); 0 (the default) fails at once. */
  readonly timeoutMs?: number;
}

export type LockResult =
  | {
      readonly ok: true;
      readonly id: string;
      readonly info: LockInfo;
      /** The info file a dead holder left behind, replaced by this lock (no human needed). */
      readonly takenOver?: LockInfo | "unreadable";
    }
  | { readonly ok: false; readonly diags: Diagnostic[] };

export function newLockInfo(request: LockRequest, statePath: string): LockInfo {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep "unknown"
  }
  return {
    ID: randomUUID(),
    Operation: request.operation,
    Info: request.info ?? "",
    Who: `${user}@${hostname()}`,
    Version: request.version,
    Created: new Date().toISOString(),
    Path: statePath,
    Pid: process.pid,
  };
}

const INITIAL_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 2000;

/** The OS-level lock file for a lock-info path. */
export function lockDatabasePath(infoPath: string): string {
  return infoPath.replace(/\.info$/, "") + ".db";
}

/** Locks this process holds, by lock ID: the connection whose open transaction is the lock. */
const held = new Map<string, { readonly db: Database.Database; readonly infoPath: string }>();

type Take = { readonly db: Database.Database } | "busy" | { readonly error: string };

/** better-sqlite3, loaded on the first lock: commands that never lock (version, fmt) start without it. */
let sqlite: { readonly open: typeof Database; readonly addon: string | undefined } | undefined;
const openDatabase = (path: string): Database.Database => {
  if (sqlite === undefined) {
    const require = createRequire(import.meta.url);
    // The addon's own path, when it is where npm builds it: better-sqlite3 otherwise finds it through
    // `bindings`, which tries a dozen locations (a failed require each) on every command that locks.
    let addon: string | undefined;
    try {
      addon = require.resolve("better-sqlite3/build/Release/better_sqlite3.node");
    } catch {
      addon = undefined;
    }
    sqlite = { open: require("better-sqlite3") as typeof Database, addon };
  }
  return new sqlite.open(path, { timeout: 0, ...(sqlite.addon !== undefined ? { nativeBinding: sqlite.addon } : {}) });
};

/** One attempt at the OS-level lock; never waits. */
function tryTake(infoPath: string): Take {
  const dbPath = lockDatabasePath(infoPath);
  let db: Database.Database | undefined;
  try {
    statSync(dirname(dbPath)); // the OS's reason (ENOENT, ENOTDIR, EACCES) rather than SQLite's paraphrase
    db = openDatabase(dbPath);
    // chmod, never open+close: closing any descriptor of the file would drop this process's POSIX locks on it.
    chmodSync(dbPath, 0o600);
    // No rollback journal file: nothing is ever written, and taking the lock must work on a full disk.
    db.pragma("journal_mode = MEMORY");
    db.exec("BEGIN EXCLUSIVE");
    return { db };
  } catch (err) {
    db?.close();
    const code = (err as { code?: string }).code;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return "busy";
    return { error: `${dbPath}: ${(err as Error).message}` };
  }
}

function letGo(db: Database.Database): void {
  try {
    db.exec("ROLLBACK");
  } catch {
    // nothing was written in the transaction; closing releases the lock either way
  }
  db.close();
}

/** Takes the lock, retrying with exponential backoff for up to `timeoutMs` while a live process holds it. */
export async function acquireLockFile(lockPath: string, request: LockRequest, statePath: string): Promise<LockResult> {
  const deadline = Date.now() + (request.timeoutMs ?? 0);
  let delay = INITIAL_BACKOFF_MS;
  for (;;) {
    const took = tryTake(lockPath);
    if (took !== "busy") {
      if ("error" in took) return { ok: false, diags: [lockError(`could not lock ${took.error}`)] };
      // Any info file still here was left by a holder that died (its lock is gone with it): replaced.
      const previous = await readLockInfo(lockPath);
      const info = newLockInfo(request, statePath);
      try {
        await writeInfo(lockPath, info);
      } catch (err) {
        letGo(took.db);
        return { ok: false, diags: [lockError(`could not write the lock info file ${lockPath}: ${(err as Error).message}`)] };
      }
      held.set(info.ID, { db: took.db, infoPath: lockPath });
      return { ok: true, id: info.ID, info, ...(previous !== undefined ? { takenOver: previous } : {}) };
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const holder = await readLockInfo(lockPath);
      return { ok: false, diags: [lockHeldDiag(lockPath, holder)] };
    }
    await sleep(Math.min(delay, remaining));
    delay = Math.min(delay * 2, MAX_BACKOFF_MS);
  }
}

/** Atomically, so a concurrent reader sees the whole info or none (a torn one would read as "unreadable"). */
async function writeInfo(lockPath: string, info: LockInfo): Promise<void> {
  const tmp = `${lockPath}.tmp-${process.pid}`;
  const fh = await open(tmp, "w", 0o600);
  try {
    await fh.writeFile(JSON.stringify(info));
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  await rename(tmp, lockPath);
}

/** The current holder's info; undefined when there is no info file. A file that cannot be parsed (empty,
 * damaged, or from an older Cairn mid-write) is "unreadable". */
export async function readLockInfo(lockPath: string): Promise<LockInfo | undefined | "unreadable"> {
  let text: string;
  try {
    text = await readFile(lockPath, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return "unreadable";
  }
  return parseLockInfo(text);
}

export function parseLockInfo(text: string): LockInfo | "unreadable" {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v !== "object" || v === null || typeof v.ID !== "string") return "unreadable";
    return {
      ID: v.ID,
      Operation: String(v.Operation ?? ""),
      Info: String(v.Info ?? ""),
      Who: String(v.Who ?? ""),
      Version: String(v.Version ?? ""),
      Created: String(v.Created ?? ""),
      Path: String(v.Path ?? ""),
      Pid: typeof v.Pid === "number" ? v.Pid : 0,
    };
  } catch {
    return "unreadable";
  }
}

/** Releases a lock this process holds: the info file goes first, then the OS-level lock. */
export async function releaseLockFile(lockPath: string, id: string): Promise<Diagnostic[]> {
  const mine = held.get(id);
  if (mine === undefined || mine.infoPath !== lockPath) return [unlockError(`lock ID ${JSON.stringify(id)} is not held by this process.`)];
  held.delete(id);
  const diags: Diagnostic[] = [];
  try {
    await unlink(lockPath);
  } catch (err) {
    // The OS-level lock is released below regardless: a leftover info file is replaced by the next holder.
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") diags.push(unlockError(`could not remove ${lockPath}: ${(err as Error).message}`));
  }
  letGo(mine.db);
  return diags;
}

/**
 * `cairn force-unlock ID`. A lock held by a running process cannot be released from outside (its OS-level lock
 * is that process's), as with Terraform's local backend: that is refused, naming the holder. Otherwise the
 * info file left behind is removed: an empty or damaged one whatever the ID, a readable one only for its ID.
 */
export async function forceUnlockFile(lockPath: string, id: string): Promise<Diagnostic[]> {
  if (held.has(id)) return releaseLockFile(lockPath, id);
  const took = tryTake(lockPath);
  if (took === "busy") {
    const holder = await readLockInfo(lockPath);
    const who = holder === undefined || holder === "unreadable" ? "" : `\n\n${formatLockInfo(holder)}`;
    return [
      unlockError(
        `the lock is held by a running process, and a local state lock can only be released by its holder. Stop that process (Ctrl-C or kill; its lock is released when it exits, even by kill -9) and the next command takes the lock.${who}`,
      ),
    ];
  }
  if ("error" in took) return [unlockError(`could not check the lock: ${took.error}`)];
  try {
    const holder = await readLockInfo(lockPath);
    if (holder === undefined) return [unlockError(`there is no lock on this state (no ${lockPath}).`)];
    if (holder !== "unreadable" && holder.ID !== id) return [unlockError(`lock ID ${JSON.stringify(id)} does not match the existing lock ${JSON.stringify(holder.ID)}.\n\n${formatLockInfo(holder)}`)];
    try {
      await unlink(lockPath);
    } catch (err) {
      return [unlockError(`could not remove ${lockPath}: ${(err as Error).message}`)];
    }
    return [];
  } finally {
    letGo(took.db);
  }
}

export interface StaleCheck {
  /** Defaults to this machine's hostname. */
  readonly host?: string;
  /** Defaults to a signal-0 probe of the pid on this machine. */
  readonly isPidAlive?: (pid: number) => boolean;
}

/** True when the lock was taken on this host by a process that no longer exists. A lock from another host is
 * never called stale: its pid means nothing here. For auditing and `force-unlock` advice, never automatic. */
export function isLockStale(info: LockInfo, check: StaleCheck = {}): boolean {
  const host = check.host ?? hostname();
  const at = info.Who.lastIndexOf("@");
  const lockHost = at >= 0 ? info.Who.slice(at + 1) : "";
  if (lockHost !== host || !Number.isInteger(info.Pid) || info.Pid <= 0) return false;
  return !(check.isPidAlive ?? pidAlive)(info.Pid);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function formatLockInfo(info: LockInfo): string {
  return [
    "Lock Info:",
    `  ID:        ${info.ID}`,
    `  Path:      ${info.Path}`,
    `  Operation: ${info.Operation}`,
    `  Who:       ${info.Who}`,
    `  Version:   ${info.Version}`,
    `  Created:   ${info.Created}`,
    `  Info:      ${info.Info}`,
    `  Pid:       ${info.Pid}`,
  ].join("\n");
}

const LOCK_ADVICE =
  "Cairn acquires a state lock to protect the state from being written\n" +
  "by multiple users at the same time. Please resolve the issue above and try\n" +
  'again. For most commands, you can disable locking with the "-lock=false"\n' +
  "flag, but this is not recommended.";

function lockHeldDiag(lockPath: string, holder: LockInfo | undefined | "unreadable"): Diagnostic {
  // The OS-level lock is held, so its holder is alive. An info file naming a dead process is an earlier
  // holder's, which the live one has not replaced yet (it is between taking the lock and writing its info).
  const info =
    holder === undefined || holder === "unreadable"
      ? `Lock Info: the holder has not written ${lockPath} yet.`
      : isLockStale(holder)
        ? `Lock Info: the process named in ${lockPath} (pid ${holder.Pid}) is dead; the lock is now held by another process that has not written its info yet.`
        : formatLockInfo(holder);
  return lockError(`the state is already locked by another process (${lockPath})\n${info}`);
}

export function lockError(message: string): Diagnostic {
  return { severity: "error", summary: "Error acquiring the state lock", detail: `Error message: ${message}\n\n${LOCK_ADVICE}` };
}

export function unlockError(message: string): Diagnostic {
  return { severity: "error", summary: "Failed to unlock state", detail: message };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
