// One workspace's state as a command uses it, whatever backend keeps it: the StateStore with where it lives,
// its lock's holder, its local crash journal and its history. The local file store (local-store.ts) and the
// pg store (pg/store.ts) implement it; the backends in operations/backend/ hand them out.

import type { Diagnostic } from "../lang/diagnostics.js";
import type { Keyring } from "./encryption/keyring.js";
import type { LockInfo } from "./lock.js";
import type { StateStore } from "./store.js";

/**
 * A history kept elsewhere than its working copy (pg/history.ts): pull() rebuilds the working copy at
 * `historyPath` before the history is opened, push() writes back what a command recorded (under the lock).
 */
export interface HistorySync {
  pull(): Promise<Diagnostic[]>;
  push(): Promise<Diagnostic[]>;
}

export interface WorkspaceStateStore extends StateStore {
  /** Where the state lives, for messages and as the history's key (a file path for local). */
  readonly path: string;
  /** The path the state's history is kept for (history/paths.ts): the state file for local. */
  readonly historyPath: string;
  /** Set when the history lives in the backend, not only in the working copy at historyPath. */
  readonly historySync?: HistorySync;
  /** The local crash journal of applies to this state. */
  readonly journalPath: string;
  /** `cairn force-unlock ID`. */
  forceUnlock(id: string): Promise<Diagnostic[]>;
  /** The current lock holder, if any. */
  lockInfo(): Promise<LockInfo | undefined | "unreadable">;
  readonly hasLoadError: boolean;
}

export interface StoreOpenOptions {
  /** -backup (local only); default "<path>.backup". */
  readonly backupPath?: string;
  readonly keyring?: Keyring;
  /** Problems that forbid opening the state at all: every read reports them, nothing is written. */
  readonly refusal?: readonly Diagnostic[];
}
