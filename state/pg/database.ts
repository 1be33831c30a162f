// A PostgreSQL database holding states in Terraform's pg backend layout: schema `terraform_remote_state` (or
// schema_name), table `states` with one row per workspace (id, name, data), as Terraform 1.11 creates it
// (ids from the shared sequence public.global_states_id_seq, `name` unique, index `states_by_name`). Cairn
// adds a `locks` table (the lock holder and its lease) and the history tables (history.ts). One pool per
// settings in a process, shared by the backend's stores (store.ts) and terraform_remote_state (read.ts).

import { createHash } from "node:crypto";
import type pg from "pg";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { historyTableDDL, type HistoryTables } from "./history.js";
import { pgSettings, type PgArguments, type PgSettings } from "./settings.js";

const CONNECT_TIMEOUT_MS = 15_000;

type PgModule = typeof pg;
let pgModule: PgModule | undefined;
/** The client library, loaded on first use: every command reaches this module, few use PostgreSQL, and
 * loading `pg` (a CommonJS tree that also loads Node's fetch implementation) was a third of a small plan's
 * start-up. */
async function loadPg(): Promise<PgModule> {
  return (pgModule ??= (await import("pg")).default);
}

export const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A connection problem as a diagnostic (the connection string is never shown: it may hold a password). */
export function pgError(what: string, err: unknown): Diagnostic {
  return { severity: "error", summary: `Failed to ${what}`, detail: `PostgreSQL: ${(err as Error).message}` };
}

/** A 64-bit advisory lock key for a name (PostgreSQL's advisory locks take a bigint). */
export function advisoryKey(name: string): string {
  return createHash("sha256").update(name).digest().readBigInt64BE(0).toString();
}

export type PgUse<T> = { ok: true; value: T } | { ok: false; diags: Diagnostic[] };

export class PgDatabase {
  private static readonly instances = new Map<string, PgDatabase>();
  private pool?: pg.Pool;
  private ready?: Promise<void>;

  private constructor(
    readonly settings: PgSettings | undefined,
    private readonly settingsDiags: Diagnostic[],
  ) {}

  /** One database (one pool) per settings in a process; `env` gives PG_CONN_STR and the other defaults. */
  static shared(config: PgArguments, env: NodeJS.ProcessEnv): PgDatabase {
    const r = pgSettings(config, env);
    const key = JSON.stringify(r.settings ?? r.diags);
    let db = PgDatabase.instances.get(key);
    if (db === undefined) {
      db = new PgDatabase(r.settings, r.diags);
      PgDatabase.instances.set(key, db);
    }
    return db;
  }

  /** Closes every pool (tests, and a command that wants to exit promptly). */
  static async closeAll(): Promise<void> {
    const all = [...PgDatabase.instances.values()];
    PgDatabase.instances.clear();
    await Promise.all(all.map((db) => db.pool?.end().catch(() => undefined)));
  }

  get table(): string {
    return `${ident(this.settings!.schema)}.states`;
  }

  get locksTable(): string {
    return `${ident(this.settings!.schema)}.locks`;
  }

  get historyTables(): HistoryTables {
    const schema = ident(this.settings!.schema);
    return { records: `${schema}.history_records`, files: `${schema}.history_files`, states: this.table };
  }

  /** A new session of its own (for the lock: its advisory lock lives as long as this session). */
  async newClient(): Promise<pg.Client> {
    const { Client } = await loadPg();
    return new Client({ connectionString: this.settings!.connStr, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: "cairn" });
  }

  /** Runs `fn` with a pooled connection once the schema and tables exist; problems as diagnostics. */
  async use<T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<PgUse<T>> {
    if (this.settings === undefined) return { ok: false, diags: this.settingsDiags };
    try {
      if (this.pool === undefined) {
        const { Pool } = await loadPg();
        this.pool = new Pool({ connectionString: this.settings.connStr, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, allowExitOnIdle: true, application_name: "cairn" });
        this.pool.on("error", () => undefined); // an idle connection dropped by the server: the next query reconnects
      }
      this.ready ??= this.prepare().catch((err: unknown) => {
        this.ready = undefined;
        throw err;
      });
      await this.ready;
      const c = await this.pool.connect();
      // A checked-out connection the server drops emits "error"; the query in flight rejects with it too.
      const ignore = () => undefined;
      c.on("error", ignore);
      let broken = false;
      try {
        return { ok: true, value: await fn(c) };
      } catch (err) {
        broken = true;
        throw err;
      } finally {
        c.off("error", ignore);
        c.release(broken); // a connection that failed is not handed out again
      }
    } catch (err) {
      return { ok: false, diags: [pgError(what, err)] };
    }
  }

  /**
   * Creates what the skip_* arguments do not skip (Terraform's pg backend does this when it is configured, for
   * terraform_remote_state too), serialised between processes by a transaction lock (one for every schema: the id sequence is shared). One
   * round trip.
   */
  private async prepare(): Promise<void> {
    const s = this.settings!;
    const statements = ["BEGIN", `SELECT pg_advisory_xact_lock(${advisoryKey("cairn-schema")})`];
    if (!s.skipSchemaCreation) statements.push(`CREATE SCHEMA IF NOT EXISTS ${ident(s.schema)}`);
    if (!s.skipTableCreation) {
      statements.push(
        "CREATE SEQUENCE IF NOT EXISTS public.global_states_id_seq AS bigint",
        `CREATE TABLE IF NOT EXISTS ${this.table} (id bigint NOT NULL DEFAULT nextval('public.global_states_id_seq') PRIMARY KEY, name text UNIQUE, data text)`,
        `CREATE TABLE IF NOT EXISTS ${this.locksTable} (name text PRIMARY KEY, info text NOT NULL, holder_pid integer NOT NULL, lease_until timestamptz NOT NULL)`,
        ...historyTableDDL(this.historyTables),
      );
    }
    if (!s.skipIndexCreation) statements.push(`CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON ${this.table} (name)`);
    statements.push("COMMIT");
    const c = await this.pool!.connect();
    const ignore = () => undefined;
    c.on("error", ignore);
    let broken = false;
    try {
      // A multi-statement simple query runs as one implicit transaction: all of it or none.
      await c.query(statements.join(";\n"));
    } catch (err) {
      broken = true;
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      c.off("error", ignore);
      c.release(broken);
    }
  }

  /** Creates a workspace's row (with no state yet) unless it exists. */
  async ensureWorkspace(name: string): Promise<Diagnostic[]> {
    const r = await this.use("create the workspace", (c) => c.query(`INSERT INTO ${this.table} (name, data) VALUES ($1, '') ON CONFLICT (name) DO NOTHING`, [name]));
    return r.ok ? [] : r.diags;
  }
}
