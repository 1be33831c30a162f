// The local state lock: a lock-info file (".cairn.tfstate.lock.info" beside the state) created with O_EXCL,
// so exactly one process can hold it. It holds Terraform's lock-info JSON plus the holder's pid, which lets
// a second process say who holds the lock and lets tooling detect a lock left behind by a dead process.

import { open, readFile, unlink } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { hostname, userInfo } from "node:os";
import type { Diagnostic } from "../lang/diagnostics.js";
import { syncDirectory } from "./atomic-file.js";
import { dirname } from "node:path";

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

export type LockResult = { readonly ok: true; readonly id: string; readonly info: LockInfo } | { readonly ok: false; readonly diags: Diagnostic[] };

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

/** Takes the lock, retrying with exponential backoff for up to `timeoutMs` while another holder has it. */
export async function acquireLockFile(lockPath: string, request: LockRequest, statePath: string): Promise<LockResult> {
  const deadline = Date.now() + (request.timeoutMs ?? 0);
  let delay = INITIAL_BACKOFF_MS;
  for (;;) {
    const info = newLockInfo(request, statePath);
    const created = await tryCreate(lockPath, info);
    if (created === true) return { ok: true, id: info.ID, info };
    if (created !== "exists") return { ok: false, diags: [lockError(`could not create the lock file ${lockPath}: ${created}`)] };
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const holder = await readLockInfo(lockPath);
      return { ok: false, diags: [lockHeldDiag(lockPath, holder)] };
    }
    await sleep(Math.min(delay, remaining));
    delay = Math.min(delay * 2, MAX_BACKOFF_MS);
  }
}

async function tryCreate(lockPath: string, info: LockInfo): Promise<true | "exists" | string> {
  let fh;
  try {
    fh = await open(lockPath, "wx", 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "EEXIST" ? "exists" : (err as Error).message;
  }
  try {
    await fh.writeFile(JSON.stringify(info));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await syncDirectory(dirname(lockPath));
  return true;
}

/** The current holder's info; undefined when there is no lock. A lock file that cannot be parsed (its writer
 * may be between create and write) is reported with only what is known. */
export async function readLockInfo(lockPath: string): Promise<LockInfo | undefined | "unreadable"> {
  let text: string;
  try {
    text = await readFile(lockPath, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return "unreadable";
  }
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

/** Releases the lock if `id` is the holder's ID; a wrong ID is refused, so one run cannot free another's lock. */
export async function releaseLockFile(lockPath: string, id: string): Promise<Diagnostic[]> {
  const holder = await readLockInfo(lockPath);
  if (holder === undefined) return [unlockError(`there is no lock on this state (no ${lockPath}).`)];
  if (holder === "unreadable") return [unlockError(`the lock file ${lockPath} cannot be read, so its ID cannot be checked. Remove it by hand if no Cairn process is running.`)];
  if (holder.ID !== id) return [unlockError(`lock ID ${JSON.stringify(id)} does not match the existing lock ${JSON.stringify(holder.ID)}.\n\n${formatLockInfo(holder)}`)];
  try {
    await unlink(lockPath);
    await syncDirectory(dirname(lockPath));
  } catch (err) {
    return [unlockError(`could not remove ${lockPath}: ${(err as Error).message}`)];
  }
  return [];
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
  const info =
    holder === undefined
      ? "Lock Info: the lock was released while this message was being prepared; try again."
      : holder === "unreadable"
        ? `Lock Info: ${lockPath} exists but cannot be read yet.`
        : formatLockInfo(holder);
  return lockError(`the state is already locked by another process (${lockPath} exists)\n${info}`);
}

function lockError(message: string): Diagnostic {
  return { severity: "error", summary: "Error acquiring the state lock", detail: `Error message: ${message}\n\n${LOCK_ADVICE}` };
}

function unlockError(message: string): Diagnostic {
  return { severity: "error", summary: "Failed to unlock state", detail: message };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
