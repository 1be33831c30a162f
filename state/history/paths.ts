// Where a state file's history lives: `.cairn/history/<state file name>/` in the state file's directory, so
// `-state=other.tfstate` gets its own history and moving the directory moves the history with it.

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
