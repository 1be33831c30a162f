// The local backend: workspaces as directories, state files in the working directory (modules/workspace.ts),
// the state itself in LocalStateStore (files with an OS-level lock that dies with its holder).

import type { Diagnostic } from "../../lang/diagnostics.js";
import { createWorkspace, deleteWorkspace, listWorkspaces, workspaceStatePath, type LocalLayout } from "../../modules/workspace.js";
import { LocalStateStore } from "../../state/local-store.js";
import type { StateBackend, StoreOpenOptions, WorkspaceStateStore } from "./backend.js";

export class LocalBackend implements StateBackend {
  readonly type = "local";
  constructor(
    private readonly dir: string,
    readonly layout: LocalLayout,
  ) {}

  async listWorkspaces(): Promise<{ names: string[]; diags: Diagnostic[] }> {
    return { names: listWorkspaces(this.dir, this.layout), diags: [] };
  }

  async createWorkspace(name: string): Promise<Diagnostic[]> {
    createWorkspace(this.dir, name, this.layout);
    return [];
  }

  async deleteWorkspace(name: string): Promise<Diagnostic[]> {
    deleteWorkspace(this.dir, name, this.layout);
    return [];
  }

  stateStore(workspace: string, opts: StoreOpenOptions): WorkspaceStateStore {
    return this.fileStore(workspaceStatePath(this.dir, workspace, this.layout), opts);
  }

  /** The store of a given file (-state). */
  fileStore(path: string, opts: StoreOpenOptions): LocalStateStore {
    return new LocalStateStore({ workingDir: this.dir, path, backupPath: opts.backupPath, keyring: opts.keyring, keyringDiags: opts.refusal });
  }
}
