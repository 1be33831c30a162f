// The state-store seam every command goes through (docs/backends.md): a backend keeps the workspaces and, per
// workspace, a state store with its lock (state/workspace-store.ts). `local` keeps files in the working
// directory (local.ts over state/local-store.ts); `pg` keeps rows in PostgreSQL (pg.ts over state/pg/). The
// apply journal always stays on the local disk beside the working directory, so completed operations survive
// a backend that goes away mid-apply.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { StoreOpenOptions, WorkspaceStateStore } from "../../state/workspace-store.js";

export type { HistorySync, StoreOpenOptions, WorkspaceStateStore } from "../../state/workspace-store.js";

export interface StateBackend {
  readonly type: string;
  /** `default` first, then the others sorted. */
  listWorkspaces(): Promise<{ names: string[]; diags: Diagnostic[] }>;
  createWorkspace(name: string): Promise<Diagnostic[]>;
  /** Removes the workspace with its state (the caller has checked it may). */
  deleteWorkspace(name: string): Promise<Diagnostic[]>;
  stateStore(workspace: string, opts: StoreOpenOptions): WorkspaceStateStore;
}
