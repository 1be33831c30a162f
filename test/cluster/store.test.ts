import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Store, StoreError, STORE_FILE } from "../../cluster/store/index.js";
import { parseSelector } from "../../cluster/objects/index.js";
import type { KubeObject } from "../../cluster/objects/index.js";
import { tempDir } from "./helpers/tmp.js";

function cm(name: string, labels: Record<string, string> = {}, ns = "default"): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns, labels } };
}

test("every write gets the next global revision, used as resourceVersion", () => {
  const t = tempDir();
  try {
    const s = Store.open(t.dir);
    const a = s.create(cm("a"));
    const b = s.create(cm("b"));
    assert.equal(a.metadata.resourceVersion, "1");
    assert.equal(b.metadata.resourceVersion, "2");
    const a2 = s.update({ ...s.get("ConfigMap", "default", "a")!, data: { x: "1" } } as KubeObject);
    assert.equal(a2.metadata.resourceVersion, "3");
    assert.equal(s.revision(), 3);
    s.close();
    const s2 = Store.open(t.dir);
    assert.equal(s2.revision(), 3, "the clock survives reopen");
    assert.equal(s2.get("ConfigMap", "default", "a")!.metadata.resourceVersion, "3");
    s2.close();
  } finally {
    t.remove();
  }
});

test("stale resourceVersion on update and delete is a conflict; create twice is AlreadyExists", () => {
  const t = tempDir();
  try {
    const s = Store.open(t.dir);
    s.create(cm("a"));
    const stale = s.get("ConfigMap", "default", "a")!;
    s.update(s.get("ConfigMap", "default", "a")!);
    const cases: [string, () => unknown, string][] = [
      ["update stale", () => s.update(stale), "Conflict"],
      ["delete stale", () => s.delete("ConfigMap", "default", "a", stale.metadata.resourceVersion), "Conflict"],
      ["create existing", () => s.create(cm("a")), "AlreadyExists"],
      ["update missing", () => s.update(cm("nope")), "NotFound"],
      ["delete missing", () => s.delete("ConfigMap", "default", "nope"), "NotFound"],
    ];
    for (const [name, fn, reason] of cases) {
      assert.throws(fn, (e: unknown) => e instanceof StoreError && e.reason === reason, name);
    }
    s.close();
  } finally {
    t.remove();
  }
});

test("list with equality- and set-based label selectors", () => {
  const t = tempDir();
  try {
    const s = Store.open(t.dir);
    s.create(cm("web-prod", { app: "web", env: "prod" }));
    s.create(cm("web-dev", { app: "web", env: "dev" }));
    s.create(cm("db-prod", { app: "db", env: "prod", canary: "yes" }));
    s.create(cm("other-ns", { app: "web", env: "prod" }, "kube-system"));
    const cases: [string, string | undefined, string[]][] = [
      ["app=web", "default", ["web-dev", "web-prod"]],
      ["app==web,env=prod", "default", ["web-prod"]],
      ["env!=prod", "default", ["web-dev"]],
      ["env in (prod, dev),app notin (db)", "default", ["web-dev", "web-prod"]],
      ["canary", "default", ["db-prod"]],
      ["!canary", "default", ["web-dev", "web-prod"]],
      ["app=web,env=prod", undefined, ["web-prod", "other-ns"]],
      ["", "default", ["db-prod", "web-dev", "web-prod"]],
    ];
    for (const [sel, ns, want] of cases) {
      const got = s.list("ConfigMap", ns, parseSelector(sel)).items.map((o) => o.metadata.name);
      assert.deepEqual(got.sort(), [...want].sort(), sel);
    }
    s.close();
  } finally {
    t.remove();
  }
});

test("watch from a revision replays history then streams live events; compaction expires old revisions", () => {
  const t = tempDir();
  try {
    const s = Store.open(t.dir);
    s.create(cm("a"));
    const from = s.revision();
    s.create(cm("b"));
    s.delete("ConfigMap", "default", "a");
    const seen: string[] = [];
    const stop = s.watch({ kind: "ConfigMap" }, from, (e) => seen.push(`${e.type} ${e.object.metadata.name} ${e.revision}`));
    s.create(cm("c"));
    stop();
    s.create(cm("d"));
    assert.deepEqual(seen, ["ADDED b 2", "DELETED a 3", "ADDED c 4"]);
    // Revisions 1 and 3 (a's create and delete) go; 2 holds live b's value and stays until b is written again.
    const removed = s.compact(3);
    assert.equal(removed, 2);
    assert.throws(() => s.watch({}, 1, () => {}), (e: unknown) => e instanceof StoreError && e.reason === "Expired");
    const after: string[] = [];
    s.watch({}, 3, (e) => after.push(e.object.metadata.name))();
    assert.deepEqual(after, ["c", "d"]);
    s.close();
  } finally {
    t.remove();
  }
});

test("a batch is one transaction: a failing operation rolls back all of it", () => {
  const t = tempDir();
  try {
    const s = Store.open(t.dir);
    s.create(cm("exists"));
    const before = s.revision();
    assert.throws(() => s.batch([{ op: "create", object: cm("new1") }, { op: "create", object: cm("exists") }]));
    assert.equal(s.revision(), before);
    assert.equal(s.get("ConfigMap", "default", "new1"), undefined);
    const res = s.batch([{ op: "create", object: cm("n1") }, { op: "create", object: cm("n2") }]);
    assert.deepEqual(res.map((r) => r.metadata.resourceVersion), [String(before + 1), String(before + 2)]);
    s.close();
  } finally {
    t.remove();
  }
});

test("a second process's writes become visible (shared file)", () => {
  const t = tempDir();
  try {
    const a = Store.open(t.dir);
    const b = Store.open(t.dir);
    a.create(cm("from-a"));
    assert.ok(b.get("ConfigMap", "default", "from-a"));
    const got: string[] = [];
    b.watch({}, undefined, (e) => got.push(e.object.metadata.name));
    a.create(cm("from-a-2"));
    b.revision();
    assert.deepEqual(got, ["from-a-2"]);
    assert.throws(() => b.create(cm("from-a")), (e: unknown) => e instanceof StoreError && e.reason === "AlreadyExists");
    a.close();
    b.close();
  } finally {
    t.remove();
  }
});

test("acknowledged writes survive kill -9 of the writing process", async () => {
  const t = tempDir();
  try {
    const child = fileURLToPath(new URL("./helpers/store-writer.js", import.meta.url));
    const proc = spawn(process.execPath, [child, t.dir, "1000000"], { stdio: ["ignore", "pipe", "inherit"] });
    const acked: string[] = [];
    let buf = "";
    await new Promise<void>((resolve) => {
      proc.stdout.on("data", (chunk: Buffer) => {
        buf += chunk.toString();
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.startsWith("ack ")) acked.push(line.slice(4));
        }
        if (acked.length >= 3000 && !proc.killed) {
          proc.kill("SIGKILL");
        }
      });
      proc.on("exit", () => resolve());
    });
    assert.ok(acked.length >= 3000, `child acknowledged ${acked.length}`);
    const s = Store.open(t.dir);
    assert.deepEqual(s.checkConsistency(), []);
    const missing = acked.filter((n) => !s.get("ConfigMap", "default", n));
    assert.deepEqual(missing, [], "every acknowledged object is present");
    s.close();
  } finally {
    t.remove();
  }
});

test("a selector watch sees objects enter (ADDED) and leave (DELETED) the selection", () => {
  const t = tempDir();
  try {
    const s = Store.open(t.dir);
    s.create(cm("x", { tier: "web" }));
    const seen: string[] = [];
    s.watch({ kind: "ConfigMap", selector: parseSelector("tier=db") }, undefined, (e) => seen.push(`${e.type} ${e.object.metadata.labels?.tier}`));
    const relabel = (tier: string) => {
      const cur = s.get("ConfigMap", "default", "x")!;
      s.update({ ...cur, metadata: { ...cur.metadata, labels: { tier } } });
    };
    relabel("db");
    relabel("db");
    relabel("web");
    relabel("cache");
    assert.deepEqual(seen, ["ADDED db", "MODIFIED db", "DELETED web"]);
    s.close();
  } finally {
    t.remove();
  }
});

test("auto-compaction keeps the log bounded while the clock keeps counting", () => {
  const t = tempDir();
  try {
    const s = Store.open(t.dir, { retainRevisions: 500 });
    for (let i = 0; i < 6000; i++) s.create(cm(`c${i}`));
    assert.equal(s.revision(), 6000);
    assert.ok(s.compactedRevision() >= 5000 - 500, `compacted to ${s.compactedRevision()}`);
    // In small steps (every 1,000 writes), so the log never holds much more than what is retained.
    assert.ok(s.revision() - s.compactedRevision() < 500 + 1000, `compacted to ${s.compactedRevision()}`);
    assert.equal(s.history(s.compactedRevision()).length, 6000 - s.compactedRevision());
    assert.equal(s.list("ConfigMap").items.length, 6000, "compaction never removes live objects");
    s.close();
  } finally {
    t.remove();
  }
});

/** The log's rows, read through a second connection. */
function logRevisions(dir: string): number[] {
  const db = new Database(join(dir, STORE_FILE), { readonly: true });
  try {
    return db.prepare("SELECT rev FROM log ORDER BY rev").pluck().all() as number[];
  } finally {
    db.close();
  }
}

test("compaction keeps each live object's newest value in the log until a write supersedes it", () => {
  const t = tempDir();
  try {
    const s = Store.open(t.dir);
    s.create(cm("a")); // 1
    s.create(cm("b")); // 2
    s.update({ ...s.get("ConfigMap", "default", "a")!, data: { x: "1" } } as KubeObject); // 3
    s.create(cm("c")); // 4
    assert.equal(s.compact(4), 1, "only a's first value is history");
    assert.deepEqual(logRevisions(t.dir), [2, 3, 4]);
    s.update({ ...s.get("ConfigMap", "default", "b")!, data: { x: "2" } } as KubeObject); // 5: b's value at 2 goes
    s.delete("ConfigMap", "default", "a"); // 6: a's value at 3 goes
    assert.deepEqual(logRevisions(t.dir), [4, 5, 6]);
    assert.deepEqual(s.checkConsistency(), []);
    s.close();
    const again = Store.open(t.dir);
    assert.deepEqual(again.list("ConfigMap").items.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`), ["b@5", "c@4"]);
    assert.equal(again.revision(), 6);
    again.close();
  } finally {
    t.remove();
  }
});

test("a data directory of schema 1 (values kept in objects) opens with every object, the clock and the compaction mark", () => {
  const t = tempDir();
  try {
    const db = new Database(join(t.dir, STORE_FILE));
    db.exec(`
      CREATE TABLE log (rev INTEGER PRIMARY KEY, key TEXT NOT NULL, type INTEGER NOT NULL, value TEXT NOT NULL);
      CREATE TABLE objects (key TEXT PRIMARY KEY, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, rev INTEGER NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX objects_kind ON objects (kind, namespace);
      CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO meta VALUES ('schema', '1'), ('compacted', '3');
    `);
    const value = (name: string, rev: number) => JSON.stringify({ ...cm(name), metadata: { ...cm(name).metadata, resourceVersion: String(rev) } });
    // a written at 1 (compacted away from the log), b at 4 (still in the log), c deleted at 3, d deleted at 5.
    db.prepare("INSERT INTO objects VALUES (?, 'ConfigMap', 'default', ?, ?, ?)").run("ConfigMap/default/a", "a", 1, value("a", 1));
    db.prepare("INSERT INTO objects VALUES (?, 'ConfigMap', 'default', ?, ?, ?)").run("ConfigMap/default/b", "b", 4, value("b", 4));
    db.prepare("INSERT INTO log VALUES (4, 'ConfigMap/default/b', 1, ?)").run(value("b", 4));
    db.prepare("INSERT INTO log VALUES (5, 'ConfigMap/default/d', 3, ?)").run(value("d", 5));
    db.close();
    const s = Store.open(t.dir);
    assert.deepEqual(s.list("ConfigMap").items.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`), ["a@1", "b@4"]);
    assert.equal(s.revision(), 5);
    assert.equal(s.compactedRevision(), 3);
    assert.deepEqual(s.checkConsistency(), []);
    assert.deepEqual(s.history(3).map((e) => `${e.type} ${e.object.metadata.name}`), ["ADDED b", "DELETED d"]);
    s.update({ ...s.get("ConfigMap", "default", "a")!, data: { x: "1" } } as KubeObject);
    assert.deepEqual(logRevisions(t.dir), [4, 5, 6], "a's value from before the mark goes once superseded");
    s.close();
  } finally {
    t.remove();
  }
});
