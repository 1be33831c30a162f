// The history and audit trail of a pg workspace, kept in PostgreSQL so every teammate's applies are in one
// trail. The history code (state/history/) works on a directory; for pg that directory is a working copy
// under .cairn/pg-history/ that is rebuilt from the database before every use (pull) and whose changes are
// written back in one transaction right after a command records a version, still under the state lock (push).
// The database is the truth: a local file that differs from it is replaced, one it does not have is removed.
//
// Tables: `history_records` holds the trail one record (one line of records.jsonl) per row, numbered as the
// lines are, so a row edited by hand is a line edited by hand and `state audit` names its record exactly as
// it names an edited line; `history_files` holds every other file (the head, the immutable snapshot packs,
// the sealed address key and KDF salt of an encrypted history) as bytes. Encryption applies unchanged: what
// is stored is what the history wrote, sealed snapshots included. A version costs O(1) round trips: the
// new record lines and the version's one new pack go in one statement each.

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type pg from "pg";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { writeFileAtomic } from "../atomic-file.js";
import { historyPathsFor } from "../history/paths.js";

const RECORDS = "records.jsonl";

/** What a pull left in the working copy, for the push to send only what changed since. */
export interface PulledHistory {
  readonly lines: readonly string[];
  readonly files: ReadonlyMap<string, string>;
}

export interface HistoryTables {
  readonly records: string;
  readonly files: string;
  /** The states table: the workspace's current state is copied beside the history for the audit to compare. */
  readonly states: string;
}

export function historyTableDDL(t: HistoryTables): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${t.records} (workspace text NOT NULL, line_no integer NOT NULL, line text NOT NULL, PRIMARY KEY (workspace, line_no))`,
    `CREATE TABLE IF NOT EXISTS ${t.files} (workspace text NOT NULL, path text NOT NULL, data bytea NOT NULL, PRIMARY KEY (workspace, path))`,
  ];
}

const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");

/** Every file under `dir` but the trail, by relative path with "/" separators. */
function localFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const rel = relative(dir, p).split(sep).join("/");
        if (rel !== RECORDS && !e.name.startsWith(".")) out.set(rel, p);
      }
    }
  };
  walk(dir);
  return out;
}

/** Rebuilds the working copy of `workspace`'s history at `historyPath` from the database. */
export async function pullHistory(c: pg.ClientBase, t: HistoryTables, workspace: string, historyPath: string): Promise<PulledHistory> {
  const dir = historyPathsFor(historyPath).dir;
  const rows = await c.query<{ line: string }>(`SELECT line FROM ${t.records} WHERE workspace = $1 ORDER BY line_no`, [workspace]);
  const listed = await c.query<{ path: string; digest: string }>(`SELECT path, md5(data) AS digest FROM ${t.files} WHERE workspace = $1`, [workspace]);
  const state = await c.query<{ data: string | null }>(`SELECT data FROM ${t.states} WHERE name = $1`, [workspace]);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The state as stored (sealed when encryption is on), where the audit reads "the state file".
  const current = state.rows[0]?.data ?? "";
  if (current !== "") await writeFileAtomic(historyPath, current, 0o600);
  else rmSync(historyPath, { force: true });
  const lines = rows.rows.map((r) => r.line);
  const recordsPath = join(dir, RECORDS);
  if (lines.length > 0) await writeFileAtomic(recordsPath, lines.map((l) => l + "\n").join(""), 0o600);
  else rmSync(recordsPath, { force: true });
  const have = localFiles(dir);
  const want = new Map(listed.rows.map((r) => [r.path, r.digest]));
  const fetch: string[] = [];
  for (const [path, digest] of want) {
    const local = have.get(path);
    if (local === undefined || md5(readFileSync(local)) !== digest) fetch.push(path);
  }
  for (const [path, local] of have) if (!want.has(path)) rmSync(local, { force: true });
  if (fetch.length > 0) {
    const got = await c.query<{ path: string; data: Buffer }>(`SELECT path, data FROM ${t.files} WHERE workspace = $1 AND path = ANY($2)`, [workspace, fetch]);
    for (const r of got.rows) {
      if (r.path.split("/").some((s) => s === ".." || s === "")) continue; // never outside the history directory
      const target = join(dir, ...r.path.split("/"));
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      await writeFileAtomic(target, r.data, 0o600);
    }
  }
  return { lines, files: want };
}

/** Writes what changed in the working copy since `pulled` back to the database, in one transaction. */
export async function pushHistory(c: pg.ClientBase, t: HistoryTables, workspace: string, historyPath: string, pulled: PulledHistory): Promise<void> {
  const dir = historyPathsFor(historyPath).dir;
  let text = "";
  try {
    text = readFileSync(join(dir, RECORDS), "utf8");
  } catch {
    // no trail (yet)
  }
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const appended = lines.length >= pulled.lines.length && pulled.lines.every((l, i) => lines[i] === l);
  const files = localFiles(dir);
  const changed: { path: string; data: Buffer }[] = [];
  for (const [path, local] of files) {
    if (statSync(local).size > 1 << 30) throw new Error(`history file ${path} is larger than 1 GiB`);
    const data = readFileSync(local);
    if (pulled.files.get(path) !== md5(data)) changed.push({ path, data });
  }
  const removed = [...pulled.files.keys()].filter((p) => !files.has(p));
  await c.query("BEGIN");
  try {
    // Pruning rewrites the trail; otherwise only the new lines go in.
    const from = appended ? pulled.lines.length : 0;
    if (!appended) await c.query(`DELETE FROM ${t.records} WHERE workspace = $1`, [workspace]);
    if (lines.length > from) {
      const nos = lines.slice(from).map((_, i) => from + i + 1);
      await c.query(`INSERT INTO ${t.records} (workspace, line_no, line) SELECT $1::text, * FROM unnest($2::integer[], $3::text[])`, [workspace, nos, lines.slice(from)]);
    }
    if (changed.length > 0) {
      await c.query(
        `INSERT INTO ${t.files} (workspace, path, data) SELECT $1::text, * FROM unnest($2::text[], $3::bytea[]) ON CONFLICT (workspace, path) DO UPDATE SET data = EXCLUDED.data`,
        [workspace, changed.map((f) => f.path), changed.map((f) => f.data)],
      );
    }
    if (removed.length > 0) await c.query(`DELETE FROM ${t.files} WHERE workspace = $1 AND path = ANY($2)`, [workspace, removed]);
    await c.query("COMMIT");
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

export function historyError(what: string, err: unknown): Diagnostic {
  return { severity: "error", summary: `Failed to ${what} the history in PostgreSQL`, detail: `PostgreSQL: ${(err as Error).message}` };
}
