// The served core checkpoints the SQLite WAL on a worker thread (cluster/store/checkpointer.ts), so that the
// fsyncs of a checkpoint never stall the thread answering requests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Store, STORE_FILE } from "../../cluster/store/index.js";
import type { KubeObject } from "../../cluster/objects/index.js";
import { tempDir } from "./helpers/tmp.js";

/** Below SQLite's own automatic checkpoint (1,000 WAL pages): only a background checkpoint copies these. */
const WRITES = 150;

function cm(i: number): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}`, namespace: "default" }, data: { v: "x".repeat(200) } } as KubeObject;
}

const cases = [
  { name: "with backgroundCheckpoint the worker copies committed pages into the database file", background: true, copied: true },
  { name: "without it nothing is copied before SQLite's own threshold", background: false, copied: false },
];

for (const c of cases) {
  test(c.name, async () => {
    const t = tempDir();
    try {
      const file = join(t.dir, STORE_FILE);
      const s = Store.open(t.dir, { backgroundCheckpoint: c.background });
      const before = statSync(file).size;
      for (let i = 0; i < WRITES; i++) s.create(cm(i));
      // The worker runs on its own thread: wait for it (a few seconds at most, even on a loaded machine).
      for (let waited = 0; c.background && statSync(file).size === before && waited < 20_000; waited += 50) await sleep(50);
      assert.equal(statSync(file).size > before, c.copied, `database file ${before} -> ${statSync(file).size} bytes`);
      s.close();
      // The worker closed its connection first, so the store's close checkpointed everything and removed the WAL.
      assert.equal(existsSync(`${file}-wal`), false, "the WAL is removed on close");
      const again = Store.open(t.dir);
      assert.equal(again.count("ConfigMap"), WRITES);
      assert.equal(again.revision(), WRITES);
      again.close();
    } finally {
      t.remove();
    }
  });
}
