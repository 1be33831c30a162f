// The pg backend: state in PostgreSQL, in Terraform's layout (schema "terraform_remote_state", table `states`
// with one row per workspace: name, data), so workspaces are rows. Cairn adds a `locks` table: the lock row
// records the holder (Terraform's lock info: who, where, operation, when) and a lease the holder renews with a
// heartbeat while it runs. Mutual exclusion itself is a session advisory lock, which PostgreSQL frees when
// the holder's session ends (kill -9, lost network); the lease covers a holder that hangs with its session
// open: once the lease has run out, the next taker ends that session. Every write made under a lock checks,
// in its transaction, that the lock row is still this holder's (a fence), so a holder that lost its lock can
// never overwrite a newer state.

import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import pg from "pg";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { durationMilliseconds } from "../../lang/duration.js";
import { DEFAULT_WORKSPACE } from "../../modules/workspace.js";
import { isEncrypted } from "../../state/encryption/envelope.js";
import { decryptStateFile, sealFileData } from "../../state/encryption/files.js";
import type { Keyring } from "../../state/encryption/keyring.js";
import { formatLockInfo, lockError, newLockInfo, parseLockInfo, unlockError, type LockInfo, type LockRequest, type LockResult } from "../../state/lock.js";
import { cloneState, type StateFile } from "../../state/model.js";
import { parseStateBuffer } from "../../state/parse.js";
import { serializeState } from "../../state/serialize.js";
import type { StateReadResult } from "../../state/store.js";
import type { HistorySync, StateBackend, StoreOpenOptions, WorkspaceStateStore } from "./backend.js";
import { historyError, historyTableDDL, pullHistory, pushHistory, type HistoryTables, type PulledHistory } from "./pg-history.js";
import type { BackendConfig } from "./types.js";

export const DEFAULT_SCHEMA = "terraform_remote_state";
/** The lock lease, renewed every third of it; CAIRN_PG_LOCK_LEASE (a Go duration) changes it. */
const DEFAULT_LEASE_MS = 60_000;
const CONNECT_TIMEOUT_MS = 15_000;
const INITIAL_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 1000;

export interface PgSettings {
  readonly connStr: string;
  readonly schema: string;
  readonly skipSchemaCreation: boolean;
  readonly skipTableCreation: boolean;
  readonly skipIndexCreation: boolean;
  readonly leaseMs: number;
}

/** The backend's arguments with Terraform's environment defaults (PG_CONN_STR, PG_SCHEMA_NAME, PG_SKIP_*). */
export function pgSettings(config: BackendConfig, env: NodeJS.ProcessEnv): { settings?: PgSettings; diags: Diagnostic[] } {
  const str = (k: string, e: string) => (typeof config[k] === "string" && config[k] !== "" ? (config[k] as string) : env[e] !== undefined && env[e] !== "" ? env[e]! : undefined);
  const bool = (k: string, e: string) => (typeof config[k] === "boolean" ? (config[k] as boolean) : env[e] === "true" || env[e] === "1");
  const connStr = str("conn_str", "PG_CONN_STR");
  if (connStr === undefined) {
    return { diags: [{ severity: "error", summary: "Missing pg backend connection string", detail: `The pg backend needs "conn_str" in its block, a -backend-config=conn_str=... flag of init, or the PG_CONN_STR environment variable.` }] };
  }
  const lease = env.CAIRN_PG_LOCK_LEASE !== undefined && env.CAIRN_PG_LOCK_LEASE !== "" ? durationMilliseconds(env.CAIRN_PG_LOCK_LEASE) : DEFAULT_LEASE_MS;
  if (lease === undefined || lease < 1000) {
    return { diags: [{ severity: "error", summary: "Invalid CAIRN_PG_LOCK_LEASE", detail: `CAIRN_PG_LOCK_LEASE must be a duration of at least 1s, such as "30s"; got ${JSON.stringify(env.CAIRN_PG_LOCK_LEASE)}.` }] };
  }
  return {
    settings: {
      connStr,
      schema: str("schema_name", "PG_SCHEMA_NAME") ?? DEFAULT_SCHEMA,
      skipSchemaCreation: bool("skip_schema_creation", "PG_SKIP_SCHEMA_CREATION"),
      skipTableCreation: bool("skip_table_creation", "PG_SKIP_TABLE_CREATION"),
      skipIndexCreation: bool("skip_index_creation", "PG_SKIP_INDEX_CREATION"),
      leaseMs: lease,
    },
    diags: [],
  };
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A connection problem as a diagnostic (the connection string is never shown: it may hold a password). */
export function pgError(what: string, err: unknown): Diagnostic {
  return { severity: "error", summary: `Failed to ${what}`, detail: `PostgreSQL: ${(err as Error).message}` };
}

export class PgBackend implements StateBackend {
  readonly type = "pg";
  private static readonly instances = new Map<string, PgBackend>();
  private pool?: pg.Pool;
  private ready?: Promise<void>;

  private constructor(
    readonly settings: PgSettings | undefined,
    private readonly settingsDiags: Diagnostic[],
    readonly cwd: string,
  ) {}

  /** One backend (one pool) per configuration in a process. */
  static shared(config: BackendConfig, env: NodeJS.ProcessEnv, cwd: string): PgBackend {
    const r = pgSettings(config, env);
    const key = JSON.stringify([r.settings ?? null, cwd]);
    let b = PgBackend.instances.get(key);
    if (b === undefined) {
      b = new PgBackend(r.settings, r.diags, cwd);
      PgBackend.instances.set(key, b);
    }
    return b;
  }

  /** Closes every pool (tests, and a command that wants to exit promptly). */
  static async closeAll(): Promise<void> {
    const all = [...PgBackend.instances.values()];
    PgBackend.instances.clear();
    await Promise.all(all.map((b) => b.pool?.end().catch(() => undefined)));
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
  newClient(): pg.Client {
    return new pg.Client({ connectionString: this.settings!.connStr, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: "cairn" });
  }

  /** Runs `fn` with a pooled connection once the schema and tables exist; problems as diagnostics. */
  async use<T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; diags: Diagnostic[] }> {
    if (this.settings === undefined) return { ok: false, diags: this.settingsDiags };
    try {
      if (this.pool === undefined) {
        this.pool = new pg.Pool({ connectionString: this.settings.connStr, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, allowExitOnIdle: true, application_name: "cairn" });
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

  /** Creates what the skip_* arguments do not skip, serialised between processes by a transaction lock. */
  private async prepare(): Promise<void> {
    const s = this.settings!;
    const c = await this.pool!.connect();
    const ignore = () => undefined;
    c.on("error", ignore);
    let broken = false;
    try {
      await c.query("BEGIN");
      await c.query("SELECT pg_advisory_xact_lock($1)", [advisoryKey(`cairn-schema:${s.schema}`)]);
      if (!s.skipSchemaCreation) await c.query(`CREATE SCHEMA IF NOT EXISTS ${ident(s.schema)}`);
      if (!s.skipTableCreation) {
        await c.query(`CREATE TABLE IF NOT EXISTS ${this.table} (id bigserial PRIMARY KEY, name text, data text)`);
        await c.query(`CREATE TABLE IF NOT EXISTS ${this.locksTable} (name text PRIMARY KEY, info text NOT NULL, holder_pid integer NOT NULL, lease_until timestamptz NOT NULL)`);
        for (const ddl of historyTableDDL(this.historyTables)) await c.query(ddl);
      }
      if (!s.skipIndexCreation) await c.query(`CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON ${this.table} (name)`);
      await c.query("COMMIT");
    } catch (err) {
      broken = true;
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      c.off("error", ignore);
      c.release(broken);
    }
  }

  async listWorkspaces(): Promise<{ names: string[]; diags: Diagnostic[] }> {
    const r = await this.use("list the workspaces", (c) => c.query<{ name: string }>(`SELECT name FROM ${this.table} WHERE name <> $1 ORDER BY name`, [DEFAULT_WORKSPACE]));
    if (!r.ok) return { names: [], diags: r.diags };
    return { names: [DEFAULT_WORKSPACE, ...r.value.rows.map((x) => x.name)], diags: [] };
  }

  async createWorkspace(name: string): Promise<Diagnostic[]> {
    const r = await this.use("create the workspace", (c) => c.query(`INSERT INTO ${this.table} (name, data) VALUES ($1, '') ON CONFLICT (name) DO NOTHING`, [name]));
    return r.ok ? [] : r.diags;
  }

  async deleteWorkspace(name: string): Promise<Diagnostic[]> {
    const r = await this.use("delete the workspace", async (c) => {
      await c.query(`DELETE FROM ${this.table} WHERE name = $1`, [name]);
      await c.query(`DELETE FROM ${this.historyTables.records} WHERE workspace = $1`, [name]);
      await c.query(`DELETE FROM ${this.historyTables.files} WHERE workspace = $1`, [name]);
      await c.query(`DELETE FROM ${this.locksTable} WHERE name = $1`, [name]);
    });
    return r.ok ? [] : r.diags;
  }

  stateStore(workspace: string, opts: StoreOpenOptions): WorkspaceStateStore {
    return new PgStateStore(this, workspace, opts);
  }
}

/** A 64-bit advisory lock key for a name (PostgreSQL's advisory locks take a bigint). */
export function advisoryKey(name: string): string {
  return createHash("sha256").update(name).digest().readBigInt64BE(0).toString();
}

interface HeldPgLock {
  readonly id: string;
  readonly client: pg.Client;
  readonly heartbeat: NodeJS.Timeout;
  lost?: string;
}

export class PgStateStore implements WorkspaceStateStore {
  readonly path: string;
  readonly historySync: HistorySync;
  private pulled?: PulledHistory;
  readonly journalPath: string;
  readonly historyPath: string;
  private sealing?: Keyring;
  private readonly refusal?: readonly Diagnostic[];
  private transient?: StateFile;
  private persisted?: { state: StateFile; text: string };
  private loadError?: Diagnostic[];
  private held?: HeldPgLock;

  constructor(
    private readonly backend: PgBackend,
    readonly workspace: string,
    opts: StoreOpenOptions,
  ) {
    const schema = backend.settings?.schema ?? DEFAULT_SCHEMA;
    this.path = `pg:${schema}/${workspace}`;
    // The journal stays on this machine: an apply's completed operations survive the database going away.
    this.journalPath = join(backend.cwd, ".cairn", "pg-journal", `${encodeURIComponent(schema)}.${encodeURIComponent(workspace)}.journal`);
    mkdirSync(dirname(this.journalPath), { recursive: true, mode: 0o700 });
    // The working copy of the history kept in the database (pg-history.ts).
    this.historyPath = join(backend.cwd, ".cairn", "pg-history", encodeURIComponent(schema), `${encodeURIComponent(workspace)}.tfstate`);
    this.historySync = { pull: () => this.pullHistory(), push: () => this.pushHistory() };
    this.sealing = opts.keyring;
    if (opts.refusal !== undefined && opts.refusal.some((d) => d.severity === "error")) this.refusal = opts.refusal;
  }

  get keyring(): Keyring | undefined {
    return this.sealing;
  }

  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }

  async read(): Promise<StateReadResult> {
    if (this.transient) return { state: cloneState(this.transient), diags: [] };
    const loaded = await this.load();
    if (loaded.diags.length > 0) return { diags: loaded.diags };
    return { state: loaded.state ? cloneState(loaded.state) : undefined, diags: [] };
  }

  write(state: StateFile): void {
    this.transient = cloneState(state);
  }

  writeShared(state: StateFile): void {
    this.transient = state;
  }

  async persist(): Promise<Diagnostic[]> {
    if (!this.transient) return [];
    const loaded = await this.load();
    if (loaded.diags.length > 0) return [{ severity: "error", summary: "Failed to persist state", detail: `Cairn refuses to overwrite ${this.path} because it could not be loaded:\n\n${loaded.diags.map((d) => d.detail ?? d.summary).join("\n")}` }];
    const base = loaded.state;
    const next = this.transient;
    // A first state (no row yet) keeps the serial it has (a migration: the copied history's last version still
    // matches it); a brand-new empty state (serial 0) becomes serial 1, as the local backend writes it.
    const newSerial = base === undefined ? Math.max(next.serial, 1) : next.serial > base.serial ? next.serial : base.serial + 1;
    const text = serializeState({ ...next, serial: newSerial });
    // Unchanged content keeps its serial and is not written again (sealed or not).
    if (base !== undefined && withoutSerial(text, newSerial) === withoutSerial(this.persisted!.text, base.serial)) return [];
    const data = sealFileData(text, this.keyring, "state");
    const stored = typeof data === "string" ? data : Buffer.from(data).toString("utf8");
    const held = this.held;
    if (held?.lost !== undefined) return [{ severity: "error", summary: "Failed to persist state", detail: `The state lock on ${this.path} was lost (${held.lost}); nothing was written.` }];
    const write = async (c: pg.ClientBase) => {
      await c.query("BEGIN");
      try {
        if (held !== undefined) {
          // The fence: the lock row must still be this holder's.
          const r = await c.query<{ info: string }>(`SELECT info FROM ${this.backend.locksTable} WHERE name = $1 FOR UPDATE`, [this.workspace]);
          const info = r.rows[0] === undefined ? undefined : parseLockInfo(r.rows[0].info);
          if (info === undefined || info === "unreadable" || info.ID !== held.id) throw new Error(`the state lock ${held.id} is no longer held by this process`);
        }
        await c.query(`INSERT INTO ${this.backend.table} (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`, [this.workspace, stored]);
        await c.query("COMMIT");
      } catch (err) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    };
    try {
      if (held !== undefined) await write(held.client);
      else {
        const r = await this.backend.use("persist state", write);
        if (!r.ok) return r.diags.map((d) => ({ ...d, summary: "Failed to persist state" }));
      }
    } catch (err) {
      return [{ severity: "error", summary: "Failed to persist state", detail: `Error writing ${this.path}: PostgreSQL: ${(err as Error).message}` }];
    }
    next.serial = newSerial;
    this.persisted = { state: next, text };
    this.transient = next;
    return [];
  }

  private async load(): Promise<{ state?: StateFile; diags: Diagnostic[] }> {
    if (this.refusal !== undefined) return { diags: [...this.refusal] };
    const r = await this.backend.use("load state", (c) => c.query<{ data: string | null }>(`SELECT data FROM ${this.backend.table} WHERE name = $1`, [this.workspace]));
    if (!r.ok) {
      this.loadError = r.diags;
      return { diags: r.diags.map((d) => ({ ...d, summary: "Failed to load state", detail: `Error reading ${this.path}: ${d.detail ?? ""}` })) };
    }
    const raw = r.value.rows[0]?.data ?? "";
    if (raw === "") {
      this.persisted = undefined;
      this.loadError = undefined;
      return { diags: [] };
    }
    let text = raw;
    if (isEncrypted(raw)) {
      const opened = decryptStateFile(Buffer.from(raw, "utf8"), this.keyring, `The state ${this.path}`);
      if (!opened.ok) {
        this.loadError = opened.diags;
        return { diags: opened.diags };
      }
      text = Buffer.from(opened.data).toString("utf8");
    }
    const parsed = parseStateBuffer(Buffer.from(text, "utf8"), this.path);
    if (parsed.diags.length > 0 || parsed.state === undefined) {
      this.loadError = parsed.diags.length > 0 ? parsed.diags : undefined;
      this.persisted = undefined;
      return { diags: parsed.diags };
    }
    this.loadError = undefined;
    this.persisted = { state: parsed.state, text };
    return { state: parsed.state, diags: [] };
  }

  private async pullHistory(): Promise<Diagnostic[]> {
    if (this.refusal !== undefined) return [...this.refusal];
    const r = await this.backend.use("read the history", (c) => pullHistory(c, this.backend.historyTables, this.workspace, this.historyPath));
    if (!r.ok) return r.diags;
    this.pulled = r.value;
    return [];
  }

  /** Under the lock: through the lock's own session, so a holder that lost its lock fails here too. */
  private async pushHistory(): Promise<Diagnostic[]> {
    const pulled = this.pulled;
    if (pulled === undefined) return [historyError("write", new Error("the history was not read first"))];
    const held = this.held;
    try {
      if (held !== undefined) await pushHistory(held.client, this.backend.historyTables, this.workspace, this.historyPath, pulled);
      else {
        const r = await this.backend.use("write the history", (c) => pushHistory(c, this.backend.historyTables, this.workspace, this.historyPath, pulled));
        if (!r.ok) return r.diags;
      }
    } catch (err) {
      return [historyError("write", err)];
    }
    this.pulled = undefined;
    return [];
  }

  async lock(request: LockRequest): Promise<LockResult> {
    if (this.refusal !== undefined) return { ok: false, diags: [...this.refusal] };
    const ready = await this.backend.use("lock state", async () => undefined);
    if (!ready.ok) return { ok: false, diags: ready.diags };
    const settings = this.backend.settings!;
    const client = this.backend.newClient();
    client.on("error", () => undefined); // reported by the next query on it (the fence, the heartbeat)
    try {
      await client.connect();
    } catch (err) {
      return { ok: false, diags: [lockError(`could not connect to PostgreSQL: ${(err as Error).message}`)] };
    }
    const key = advisoryKey(`cairn-state:${settings.schema}/${this.workspace}`);
    const deadline = Date.now() + (request.timeoutMs ?? 0);
    let delay = INITIAL_BACKOFF_MS;
    try {
      for (;;) {
        const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [key]);
        if (got.rows[0]!.ok) {
          const info = newLockInfo(request, this.path);
          // The previous holder's session is gone (its advisory lock with it): its row, lease or not, is replaced.
          await client.query(
            `INSERT INTO ${this.backend.locksTable} (name, info, holder_pid, lease_until) VALUES ($1, $2, pg_backend_pid(), now() + $3::integer * interval '1 millisecond')
             ON CONFLICT (name) DO UPDATE SET info = EXCLUDED.info, holder_pid = EXCLUDED.holder_pid, lease_until = EXCLUDED.lease_until`,
            [this.workspace, JSON.stringify(info), settings.leaseMs],
          );
          const held: HeldPgLock = { id: info.ID, client, heartbeat: setInterval(() => void this.renew(), Math.max(250, Math.floor(settings.leaseMs / 3))) };
          held.heartbeat.unref();
          this.held = held;
          return { ok: true, id: info.ID, info };
        }
        const row = await client.query<{ info: string; holder_pid: number; expired: boolean }>(
          `SELECT info, holder_pid, lease_until < now() AS expired FROM ${this.backend.locksTable} WHERE name = $1`,
          [this.workspace],
        );
        const holder = row.rows[0];
        if (holder !== undefined && holder.expired) {
          // A holder that stopped renewing its lease but kept its session (hung): its session is ended, which
          // frees the advisory lock; its writes are fenced off by the lock row this taker then writes.
          await client.query("SELECT pg_terminate_backend($1)", [holder.holder_pid]);
          continue;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          await client.end().catch(() => undefined);
          const info = holder === undefined ? "unreadable" : parseLockInfo(holder.info);
          return { ok: false, diags: [lockError(`the state is already locked by another process (${this.path})\n${info === "unreadable" ? "Lock Info: the holder has not written its lock row yet." : formatLockInfo(info)}`)] };
        }
        await sleep(Math.min(delay, remaining));
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
      }
    } catch (err) {
      await client.end().catch(() => undefined);
      return { ok: false, diags: [lockError(`PostgreSQL: ${(err as Error).message}`)] };
    }
  }

  /** The heartbeat: extends the lease while this holder's row is still its own. */
  private async renew(): Promise<void> {
    const held = this.held;
    if (held === undefined || held.lost !== undefined) return;
    try {
      const r = await held.client.query(
        `UPDATE ${this.backend.locksTable} SET lease_until = now() + $3::integer * interval '1 millisecond' WHERE name = $1 AND info::json->>'ID' = $2`,
        [this.workspace, held.id, this.backend.settings!.leaseMs],
      );
      if (r.rowCount === 0) held.lost = "its lock row was replaced";
    } catch (err) {
      held.lost = (err as Error).message;
    }
  }

  async unlock(id: string): Promise<Diagnostic[]> {
    const held = this.held;
    if (held === undefined || held.id !== id) return [unlockError(`lock ID ${JSON.stringify(id)} is not held by this process.`)];
    this.held = undefined;
    clearInterval(held.heartbeat);
    try {
      await held.client.query(`DELETE FROM ${this.backend.locksTable} WHERE name = $1 AND info::json->>'ID' = $2`, [this.workspace, id]);
    } catch {
      // The database went away or the session broke: ending the session below frees the advisory lock either
      // way, and a row left behind is replaced by the next holder. Nothing stays locked.
    }
    await held.client.end().catch(() => undefined);
    return [];
  }

  async lockInfo(): Promise<LockInfo | undefined | "unreadable"> {
    const r = await this.backend.use("read the lock", (c) => c.query<{ info: string }>(`SELECT info FROM ${this.backend.locksTable} WHERE name = $1`, [this.workspace]));
    if (!r.ok || r.value.rows[0] === undefined) return r.ok ? undefined : "unreadable";
    return parseLockInfo(r.value.rows[0].info);
  }

  /**
   * `cairn force-unlock ID`: ends the holder's session (freeing its advisory lock) and removes its row. Any
   * write the holder still attempts fails its fence.
   */
  async forceUnlock(id: string): Promise<Diagnostic[]> {
    if (this.held?.id === id) return this.unlock(id);
    const r = await this.backend.use("unlock state", async (c) => {
      const row = await c.query<{ info: string; holder_pid: number }>(`SELECT info, holder_pid FROM ${this.backend.locksTable} WHERE name = $1`, [this.workspace]);
      const holder = row.rows[0];
      if (holder === undefined) return [unlockError(`there is no lock on ${this.path}.`)];
      const info = parseLockInfo(holder.info);
      if (info !== "unreadable" && info.ID !== id) return [unlockError(`lock ID ${JSON.stringify(id)} does not match the existing lock ${JSON.stringify(info.ID)}.\n\n${formatLockInfo(info)}`)];
      await c.query(`DELETE FROM ${this.backend.locksTable} WHERE name = $1`, [this.workspace]);
      await c.query("SELECT pg_terminate_backend($1) WHERE $1 <> pg_backend_pid()", [holder.holder_pid]);
      return [];
    });
    return r.ok ? r.value : r.diags;
  }
}

function withoutSerial(text: string, serial: number): string {
  return text.replace(`"serial": ${serial},`, "");
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

