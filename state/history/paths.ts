// Where a state file's history lives: `.cairn/history/<state file name>/` in the state file's directory, so
// `-state=other.tfstate` gets its own history and moving the directory moves the history with it.

import { lstatSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface HistoryPaths {
  readonly dir: string;
  /** The audit trail: one canonical-JSON record per line, append-only (rewritten only by pruning). */
  readonly records: string;
  /** The trail's head (last seq and hash), so removing the last record is detectable. */
  readonly head: string;
  /** Content-addressed snapshot objects, objects/ab/cdef… */
  readonly objects: string;
  /** Encrypted histories only: the secret that salts object addresses, sealed with the keyring. */
  readonly addressKey: string;
  /** Encrypted histories only: the KDF salt all history objects share (not secret). */
  readonly salt: string;
}

export function historyPathsFor(statePath: string): HistoryPaths {
  const dir = join(dirname(statePath), ".cairn", "history", basename(statePath));
  return { dir, records: join(dir, "records.jsonl"), head: join(dir, "head.json"), objects: join(dir, "objects"), addressKey: join(dir, "address-key.enc"), salt: join(dir, "kdf-salt") };
}

/**
 * Why the history directory must not be used, or undefined when it may: every existing step of
 * `.cairn/history/<name>` must be a real directory (a planted symlink would send the history, snapshots of
 * the state included, wherever it points), and `.cairn` must not be writable by others while owned by another
 * user (anyone could then replace what is inside it).
 */
export function unsafeHistoryDirectory(statePath: string): string | undefined {
  const cairn = join(dirname(statePath), ".cairn");
  const steps = [cairn, join(cairn, "history"), historyPathsFor(statePath).dir];
  for (const dir of steps) {
    let st;
    try {
      st = lstatSync(dir);
    } catch {
      return undefined; // not there yet: it is created as a directory of ours
    }
    if (st.isSymbolicLink()) return `${dir} is a symbolic link; the history is never written or read through one. Remove it (a real directory is created in its place).`;
    if (!st.isDirectory()) return `${dir} is not a directory.`;
    const uid = process.getuid?.();
    if (dir === cairn && uid !== undefined && st.uid !== uid && (st.mode & 0o022) !== 0) {
      return `${dir} belongs to another user (uid ${st.uid}) and others can write to it (mode ${(st.mode & 0o777).toString(8)}), so its contents cannot be trusted. Remove it, or make it yours and not writable by others (chmod go-w).`;
    }
  }
  return undefined;
}

/** Thrown by openHistory for an unsafe history directory (see unsafeHistoryDirectory). */
export class UnsafeHistoryDirectory extends Error {}
