// The SQLite layout, after kine's idea: every write appends a row to `log` under the next global revision;
// `objects` holds the newest value of each live key so reads never scan history.
import type Database from "better-sqlite3";

export const SCHEMA_VERSION = 1;

export function applySchema(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  // NORMAL: a committed transaction is in the WAL (the OS page cache) before commit returns, so it survives a
  // killed process; only power loss can lose the last transactions, which FULL would protect at ~2x cost.
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.exec(`
    CREATE TABLE IF NOT EXISTS log (
      rev        INTEGER PRIMARY KEY,
      key        TEXT NOT NULL,
      type       INTEGER NOT NULL,           -- 1 added, 2 modified, 3 deleted
      value      TEXT NOT NULL               -- the object as written (the last value for a delete)
    );
    CREATE TABLE IF NOT EXISTS objects (
      key        TEXT PRIMARY KEY,
      kind       TEXT NOT NULL,
      namespace  TEXT NOT NULL,
      name       TEXT NOT NULL,
      rev        INTEGER NOT NULL,
      value      TEXT NOT NULL
    ) WITHOUT ROWID;
    -- No index on (kind, namespace): the store reads objects only from memory (the table is read whole on
    -- open), and that index cost every write a B-tree page (a quarter of the WAL written, a sixth of the CPU).
    DROP INDEX IF EXISTS objects_kind;
    CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
    -- Leader leases (not revisioned: they are coordination between processes, not cluster state).
    CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
  `);
  db.prepare("INSERT OR IGNORE INTO meta (k, v) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
  db.prepare("INSERT OR IGNORE INTO meta (k, v) VALUES ('compacted', '0')").run();
}

export const EVENT_CODES = { ADDED: 1, MODIFIED: 2, DELETED: 3 } as const;
export type EventType = keyof typeof EVENT_CODES;
export const EVENT_NAMES: Record<number, EventType> = { 1: "ADDED", 2: "MODIFIED", 3: "DELETED" };
