// The pg backend: state in PostgreSQL, in Terraform's layout (state/pg/database.ts), so workspaces are rows of
// the `states` table. The store of one workspace, its lock with a lease and its history in the database are
// state/pg/store.ts; terraform_remote_state reads through the same database code (state/pg/read.ts).

import type { Diagnostic } from "../../lang/diagnostics.js";
import { DEFAULT_WORKSPACE } from "../../modules/workspace.js";
import { PgDatabase } from "../../state/pg/database.js";
import { PgStateStore } from "../../state/pg/store.js";
import type { StateBackend, StoreOpenOptions, WorkspaceStateStore } from "./backend.js";
import type { BackendConfig } from "./types.js";

export class PgBackend implements StateBackend {
  readonly type = "pg";
  private static readonly instances = new Map<string, PgBackend>();

  private constructor(
    readonly db: PgDatabase,
    readonly cwd: string,
  ) {}

  /** One backend per configuration and working directory in a process; one pool per configuration. */
  static shared(config: BackendConfig, env: NodeJS.ProcessEnv, cwd: string): PgBackend {
    const db = PgDatabase.shared(config, env);
    const key = JSON.stringify([db.settings ?? null, cwd]);
    let b = PgBackend.instances.get(key);
    if (b === undefined || b.db !== db) {
      b = new PgBackend(db, cwd);
      PgBackend.instances.set(key, b);
    }
    return b;
  }

  /** Closes every pool (tests, and a command that wants to exit promptly). */
  static async closeAll(): Promise<void> {
    PgBackend.instances.clear();
    await PgDatabase.closeAll();
  }

  async listWorkspaces(): Promise<{ names: string[]; diags: Diagnostic[] }> {
    const r = await this.db.use("list the workspaces", (c) => c.query<{ name: string }>(`SELECT name FROM ${this.db.table} WHERE name <> $1 ORDER BY name`, [DEFAULT_WORKSPACE]));
    if (!r.ok) return { names: [], diags: r.diags };
    return { names: [DEFAULT_WORKSPACE, ...r.value.rows.map((x) => x.name)], diags: [] };
  }

  createWorkspace(name: string): Promise<Diagnostic[]> {
    return this.db.ensureWorkspace(name);
  }

  async deleteWorkspace(name: string): Promise<Diagnostic[]> {
    const history = this.db.historyTables;
    const r = await this.db.use("delete the workspace", async (c) => {
      await c.query(`DELETE FROM ${this.db.table} WHERE name = $1`, [name]);
      await c.query(`DELETE FROM ${history.records} WHERE workspace = $1`, [name]);
      await c.query(`DELETE FROM ${history.files} WHERE workspace = $1`, [name]);
      await c.query(`DELETE FROM ${this.db.locksTable} WHERE name = $1`, [name]);
    });
    return r.ok ? [] : r.diags;
  }

  stateStore(workspace: string, opts: StoreOpenOptions): WorkspaceStateStore {
    return new PgStateStore(this.db, workspace, this.cwd, opts);
  }
}
