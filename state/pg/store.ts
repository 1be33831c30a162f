// The pg backend's state store for one workspace: the state in its `states` row (read.ts), the lock, the
// history pulled from and pushed to the database (history.ts). The lock row records the holder (Terraform's
// lock info: who, where, operation, when) and a lease the holder renews with a heartbeat while it runs. Mutual
// exclusion itself is a session advisory lock, which PostgreSQL frees when the holder's session ends (kill -9,
// lost network); the lease covers a holder that hangs with its session open: once the lease has run out, the
// next taker ends that session. Every write made under a lock checks, in its transaction, that the lock row is
// still this holder's (a fence), so a holder that lost its lock can never overwrite a newer state.

import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type pg from "pg";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { sealFileData } from "../encryption/files.js";
import type { Keyring } from "../encryption/keyring.js";
import { formatLockInfo, lockError, newLockInfo, parseLockInfo, unlockError, type LockInfo, type LockRequest, type LockResult } from "../lock.js";
import { cloneState, type StateFile } from "../model.js";
import { serializeState } from "../serialize.js";
import type { StateReadResult } from "../store.js";
import type { HistorySync, StoreOpenOptions, WorkspaceStateStore } from "../workspace-store.js";
import { advisoryKey, type PgDatabase } from "./database.js";
import { historyError, pullHistory, pushHistory, type PulledHistory } from "./history.js";
import { readPgState } from "./read.js";
import { DEFAULT_SCHEMA } from "./settings.js";

const INITIAL_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 1000;

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
    private readonly db: PgDatabase,
    readonly workspace: string,
    /** The working directory: the journal and the history's working copy live under its .cairn/. */
    cwd: string,
    opts: StoreOpenOptions,
  ) {
    const schema = db.settings?.schema ?? DEFAULT_SCHEMA;
    this.path = `pg:${schema}/${workspace}`;
    // The journal stays on this machine: an apply's completed operations survive the database going away.
    this.journalPath = join(cwd, ".cairn", "pg-journal", `${encodeURIComponent(schema)}.${encodeURIComponent(workspace)}.journal`);
    mkdirSync(dirname(this.journalPath), { recursive: true, mode: 0o700 });
    // The working copy of the history kept in the database (history.ts).
    this.historyPath = join(cwd, ".cairn", "pg-history", encodeURIComponent(schema), `${encodeURIComponent(workspace)}.tfstate`);
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
          const r = await c.query<{ info: string }>(`SELECT info FROM ${this.db.locksTable} WHERE name = $1 FOR UPDATE`, [this.workspace]);
          const info = r.rows[0] === undefined ? undefined : parseLockInfo(r.rows[0].info);
          if (info === undefined || info === "unreadable" || info.ID !== held.id) throw new Error(`the state lock ${held.id} is no longer held by this process`);
        }
        await c.query(`INSERT INTO ${this.db.table} (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`, [this.workspace, stored]);
        await c.query("COMMIT");
      } catch (err) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    };
    try {
      if (held !== undefined) await write(held.client);
      else {
        const r = await this.db.use("persist state", write);
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
    const r = await readPgState(this.db, this.workspace, this.path, this.keyring);
    if (!r.ok) {
      this.loadError = r.diags;
      if (!r.unreachable) this.persisted = undefined;
      return { diags: r.diags };
    }
    this.loadError = undefined;
    this.persisted = r.state === undefined ? undefined : { state: r.state, text: r.text! };
    return { state: r.state, diags: [] };
  }

  private async pullHistory(): Promise<Diagnostic[]> {
    if (this.refusal !== undefined) return [...this.refusal];
    const r = await this.db.use("read the history", (c) => pullHistory(c, this.db.historyTables, this.workspace, this.historyPath));
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
      if (held !== undefined) await pushHistory(held.client, this.db.historyTables, this.workspace, this.historyPath, pulled);
      else {
        const r = await this.db.use("write the history", (c) => pushHistory(c, this.db.historyTables, this.workspace, this.historyPath, pulled));
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
    const ready = await this.db.use("lock state", async () => undefined);
    if (!ready.ok) return { ok: false, diags: ready.diags };
    const settings = this.db.settings!;
    const client = await this.db.newClient();
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
            `INSERT INTO ${this.db.locksTable} (name, info, holder_pid, lease_until) VALUES ($1, $2, pg_backend_pid(), now() + $3::integer * interval '1 millisecond')
             ON CONFLICT (name) DO UPDATE SET info = EXCLUDED.info, holder_pid = EXCLUDED.holder_pid, lease_until = EXCLUDED.lease_until`,
            [this.workspace, JSON.stringify(info), settings.leaseMs],
          );
          const held: HeldPgLock = { id: info.ID, client, heartbeat: setInterval(() => void this.renew(), Math.max(250, Math.floor(settings.leaseMs / 3))) };
          held.heartbeat.unref();
          this.held = held;
          return { ok: true, id: info.ID, info };
        }
        const row = await client.query<{ info: string; holder_pid: number; expired: boolean }>(
          `SELECT info, holder_pid, lease_until < now() AS expired FROM ${this.db.locksTable} WHERE name = $1`,
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
        `UPDATE ${this.db.locksTable} SET lease_until = now() + $3::integer * interval '1 millisecond' WHERE name = $1 AND info::json->>'ID' = $2`,
        [this.workspace, held.id, this.db.settings!.leaseMs],
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
      await held.client.query(`DELETE FROM ${this.db.locksTable} WHERE name = $1 AND info::json->>'ID' = $2`, [this.workspace, id]);
    } catch {
      // The database went away or the session broke: ending the session below frees the advisory lock either
      // way, and a row left behind is replaced by the next holder. Nothing stays locked.
    }
    await held.client.end().catch(() => undefined);
    return [];
  }

  async lockInfo(): Promise<LockInfo | undefined | "unreadable"> {
    const r = await this.db.use("read the lock", (c) => c.query<{ info: string }>(`SELECT info FROM ${this.db.locksTable} WHERE name = $1`, [this.workspace]));
    if (!r.ok || r.value.rows[0] === undefined) return r.ok ? undefined : "unreadable";
    return parseLockInfo(r.value.rows[0].info);
  }

  /**
   * `cairn force-unlock ID`: ends the holder's session (freeing its advisory lock) and removes its row. Any
   * write the holder still attempts fails its fence.
   */
  async forceUnlock(id: string): Promise<Diagnostic[]> {
    if (this.held?.id === id) return this.unlock(id);
    const r = await this.db.use("unlock state", async (c) => {
      const row = await c.query<{ info: string; holder_pid: number }>(`SELECT info, holder_pid FROM ${this.db.locksTable} WHERE name = $1`, [this.workspace]);
      const holder = row.rows[0];
      if (holder === undefined) return [unlockError(`there is no lock on ${this.path}.`)];
      const info = parseLockInfo(holder.info);
      if (info !== "unreadable" && info.ID !== id) return [unlockError(`lock ID ${JSON.stringify(id)} does not match the existing lock ${JSON.stringify(info.ID)}.\n\n${formatLockInfo(info)}`)];
      await c.query(`DELETE FROM ${this.db.locksTable} WHERE name = $1`, [this.workspace]);
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

