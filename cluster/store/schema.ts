// The SQLite layout, after kine's idea: every write appends a row to `log` under the next global revision;
// `live` names the log row holding each live key's newest value, so opening never replays history.
import type Database from "better-sqlite3";

export const SCHEMA_VERSION = 2;

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
    CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
    -- Leader leases (not revisioned: they are coordination between processes, not cluster state).
    CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
  `);
  const objectsType = () => db.prepare("SELECT type FROM sqlite_master WHERE name = 'objects'").pluck().get() as string | undefined;
  // Opening a current directory writes nothing (a CLI command reading the cluster must not queue for the lock).
  if (objectsType() !== "view") {
    db.transaction(() => {
      // Version 1 kept each live object's value in `objects` as well as in the log: every write stored the JSON
      // twice, and rows of a kilobyte or more made that table's pages split (or overflow) at almost every write.
      // Now `live` maps each key to the revision of its newest value, and the log keeps that row (compaction
      // skips it): a write is one log row and a small index row. `objects` stays readable as a view.
      if (objectsType() === "table") {
        db.exec(`
          DROP INDEX IF EXISTS objects_kind;
          INSERT OR IGNORE INTO log (rev, key, type, value) SELECT rev, key, 2, value FROM objects;
          CREATE TABLE live (key TEXT PRIMARY KEY, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, rev INTEGER NOT NULL) WITHOUT ROWID;
          INSERT INTO live (key, kind, namespace, name, rev) SELECT key, kind, namespace, name, rev FROM objects;
          DROP TABLE objects;
        `);
      }
      db.exec(`
        CREATE TABLE IF NOT EXISTS live (
          key        TEXT PRIMARY KEY,
          kind       TEXT NOT NULL,
          namespace  TEXT NOT NULL,
          name       TEXT NOT NULL,
          rev        INTEGER NOT NULL          -- the log row holding the object's newest value
        ) WITHOUT ROWID;
        CREATE VIEW IF NOT EXISTS objects AS
          SELECT live.key, live.kind, live.namespace, live.name, live.rev, log.value FROM live JOIN log ON log.rev = live.rev;
      `);
      db.prepare("INSERT INTO meta (k, v) VALUES ('schema', ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v").run(String(SCHEMA_VERSION));
    }).immediate();
  }
  db.prepare("INSERT OR IGNORE INTO meta (k, v) VALUES ('compacted', '0')").run();
}

export const EVENT_CODES = { ADDED: 1, MODIFIED: 2, DELETED: 3 } as const;
export type EventType = keyof typeof EVENT_CODES;
export const EVENT_NAMES: Record<number, EventType> = { 1: "ADDED", 2: "MODIFIED", 3: "DELETED" };
