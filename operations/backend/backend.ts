// The state-store seam every command goes through (docs/backends.md): a backend keeps the workspaces and, per
// workspace, a state store with its lock. `local` keeps files in the working directory (state/local-store.ts);
// `pg` keeps rows in PostgreSQL (pg.ts). The apply journal always stays on the local disk beside the working
// directory, so completed operations survive a backend that goes away mid-apply.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Keyring } from "../../state/encryption/keyring.js";
import type { LockInfo } from "../../state/lock.js";
import type { StateStore } from "../../state/store.js";

/**
 * A history kept elsewhere than its working copy (pg-history.ts): pull() rebuilds the working copy at
 * `historyPath` before the history is opened, push() writes back what a command recorded (under the lock).
 */
export interface HistorySync {
  pull(): Promise<Diagnostic[]>;
  push(): Promise<Diagnostic[]>;
}

/** One workspace's state as a command uses it. */
export interface WorkspaceStateStore extends StateStore {
  /** Where the state lives, for messages and as the history's key (a file path for local). */
  readonly path: string;
  /** The path the state's history is kept for (state/history/paths.ts): the state file for local. */
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

export interface StateBackend {
  readonly type: string;
  /** `default` first, then the others sorted. */
  listWorkspaces(): Promise<{ names: string[]; diags: Diagnostic[] }>;
  createWorkspace(name: string): Promise<Diagnostic[]>;
  /** Removes the workspace with its state (the caller has checked it may). */
  deleteWorkspace(name: string): Promise<Diagnostic[]>;
  stateStore(workspace: string, opts: StoreOpenOptions): WorkspaceStateStore;
}
