// Opening the local state for a state command: the store for -state (default: the selected workspace's
// state file, cmd/working-dir.ts) and its current content. A state that fails to load comes back as its diagnostics; callers
// report them and stop, so the file is never touched. The store encrypts and decrypts with the keyring of
// the configuration's encryption block or CAIRN_STATE_PASSPHRASE (cmd/state-encryption.ts); encryption
// settings that do not resolve make every read fail, so nothing is written.

import { hasErrors, type Diagnostic } from "../lang/diagnostics.js";
import type { StateFile } from "../state/model.js";
import type { VariableFlag } from "../planner/variables/raw.js";
import type { Host } from "./host.js";
import { stateKeyring } from "./keyring.js";
import { openWorkspaceStore } from "./backend/open.js";
import type { WorkspaceStateStore } from "./backend/backend.js";
import { readStateWithJournal } from "../state/replay-read.js";

export interface StoreOptions {
  /** -state; default the selected workspace's state file (cairn.tfstate for "default"). */
  readonly statePath?: string;
  /** -backup; undefined keeps the store's default "<path>.backup". */
  readonly backupPath?: string;
  /** -var/-var-file, for an encryption passphrase given as a variable. */
  readonly varFlags?: readonly VariableFlag[];
}

/** The selected workspace's store in the working directory's backend (operations/backend/open.ts), or the
 * -state file. */
export function openStore(ctx: Host, opts: StoreOptions = {}): WorkspaceStateStore {
  const k = stateKeyring(ctx, { varFlags: opts.varFlags });
  const opened = openWorkspaceStore(ctx, { statePath: opts.statePath, backupPath: opts.backupPath, keyring: k.keyring, refusal: k.diags });
  if (opened.refusal !== undefined && hasErrors(opened.refusal)) refused.set(opened.store, opened.refusal);
  return opened.store;
}

/** Stores whose state must not be opened at all (see openingErrors). */
const refused = new WeakMap<WorkspaceStateStore, Diagnostic[]>();

/**
 * Why the store's state must not be opened at all (encryption settings that do not resolve, an invalid
 * TF_WORKSPACE), or undefined. Reads report it by themselves; commands that lock or unlock first ask here,
 * so no lock file is written, or removed, for a state nobody may open.
 */
export function openingErrors(store: WorkspaceStateStore): Diagnostic[] | undefined {
  return refused.get(store);
}


/**
 * The backup path Terraform's state mv/rm use: "-backup=PATH" as given, else (also for "-" or "") the state
 * path with the current Unix time, "cairn.tfstate.1700000000.backup", so every command keeps its own backup.
 */
export function timestampedBackupPath(statePath: string, backupFlag: string | undefined, now = new Date()): string {
  if (backupFlag !== undefined && backupFlag !== "" && backupFlag !== "-") return backupFlag;
  return `${statePath}.${Math.floor(now.getTime() / 1000)}.backup`;
}

/**
 * The state a read-only command shows: the state file plus what a crashed apply recorded in its journal
 * (state/replay-read.ts), folded in memory without writing or locking anything.
 */
export async function readState(store: WorkspaceStateStore): Promise<{ state?: StateFile; diags: Diagnostic[] }> {
  const r = await readStateWithJournal(store);
  return { state: r.state, diags: r.diags };
}
