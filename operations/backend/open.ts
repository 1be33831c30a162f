// Opening the backend of a working directory and the state store of its selected workspace: the one place
// commands get a state store from.

import type { ConfigModule } from "../../config/index.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { resolveStatePath, selectedWorkspace, workspaceStatePath } from "../../modules/workspace.js";
import type { Keyring } from "../../state/encryption/keyring.js";
import type { Host } from "../host.js";
import type { StateBackend, WorkspaceStateStore } from "./backend.js";
import { LocalBackend } from "./local.js";
import { PgBackend } from "./pg.js";
import { resolveBackend, type ResolvedBackend } from "./resolve.js";

export function backendFrom(ctx: Pick<Host, "cwd" | "env">, resolved: ResolvedBackend): StateBackend {
  return resolved.type === "pg" ? PgBackend.shared(resolved.config, ctx.env, ctx.cwd) : new LocalBackend(ctx.cwd, resolved.layout);
}

/** The working directory's backend; on errors ("Backend initialization required"), the diagnostics. */
export function openBackend(ctx: Host, module?: ConfigModule): { backend?: StateBackend; diags: Diagnostic[] } {
  const r = resolveBackend(ctx, module);
  if (r.backend === undefined) return { diags: r.diags };
  return { backend: backendFrom(ctx, r.backend), diags: r.diags };
}

export interface WorkspaceStoreOptions {
  /** -state: a local state file used instead of the backend's (as Terraform's legacy -state flag). */
  readonly statePath?: string;
  readonly backupPath?: string;
  readonly keyring?: Keyring;
  /** Errors found before opening (the keyring's): the store then refuses every read and write. */
  readonly refusal?: readonly Diagnostic[];
  readonly module?: ConfigModule;
}

/**
 * The selected workspace's state store. When the backend cannot be opened, a local store that refuses every
 * read with the reason is returned (with the reason in `refusal`), so callers report it the way they report
 * an unreadable state and nothing is written anywhere.
 */
export function openWorkspaceStore(ctx: Host, opts: WorkspaceStoreOptions): { store: WorkspaceStateStore; refusal?: Diagnostic[] } {
  const opened = openBackend(ctx, opts.module);
  const refusal = [...opened.diags, ...(opts.refusal ?? [])].filter((d) => d.severity === "error");
  const local = opened.backend instanceof LocalBackend ? opened.backend : new LocalBackend(ctx.cwd, {});
  const storeOpts = { backupPath: opts.backupPath, keyring: opts.keyring, ...(refusal.length > 0 ? { refusal } : {}) };
  let store: WorkspaceStateStore;
  if (opts.statePath !== undefined && opts.statePath !== "") store = local.fileStore(resolveStatePath(ctx.cwd, ctx.env, opts.statePath), storeOpts);
  // Refused: a store that reports why on every read, and creates nothing (no workspace directory).
  else if (opened.backend === undefined || hasErrors(refusal)) store = local.fileStore(workspaceStatePath(ctx.cwd, selectedWorkspace(ctx.cwd, ctx.env).name, local.layout), storeOpts);
  else if (opened.backend instanceof LocalBackend) store = local.fileStore(resolveStatePath(ctx.cwd, ctx.env, undefined, local.layout), storeOpts);
  else store = opened.backend.stateStore(selectedWorkspace(ctx.cwd, ctx.env).name, storeOpts);
  return refusal.length > 0 ? { store, refusal } : { store };
}
