// readStateWithJournal (state/replay-read.ts), which the read-only commands use, against a running apply: the
// apply may compact (write the state file with a new serial, then restart the journal for it) between the
// reader's read of the state file and its read of the journal. The reader then holds an older state and a
// journal extending a newer one, which is not damage: it reads again. A journal that stays ahead is an error.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeRecord, type JournalRecord } from "../../state/journal-records.js";
import { emptyState, type StateFile } from "../../state/model.js";
import { readStateWithJournal } from "../../state/replay-read.js";
import type { StateStore } from "../../state/store.js";

const LINEAGE = "6d1f3f0e-0000-4000-8000-000000000001";
const PROVIDER = 'provider["terraform.io/builtin/terraform"]';

/** A store whose file holds the given serials, one per read (the last one repeated). */
function storeReading(serials: number[], journal: JournalRecord[]): StateStore & { journalPath: string; reads: number } {
  const dir = mkdtempSync(join(tmpdir(), "cairn-replay-read-"));
  const journalPath = join(dir, "cairn.tfstate.journal");
  writeFileSync(journalPath, journal.map(encodeRecord).join(""));
  const store = {
    journalPath,
    reads: 0,
    async read() {
      const serial = serials[Math.min(store.reads, serials.length - 1)]!;
      store.reads++;
      const state: StateFile = { ...emptyState("0.1.0", LINEAGE), serial };
      return { state, diags: [] };
    },
    write() {},
    async persist() {
      return [];
    },
    async lock() {
      return { ok: false as const, diags: [] };
    },
    async unlock() {
      return [];
    },
  };
  return store;
}

const journalFor = (serial: number): JournalRecord[] => [
  { kind: "header", format: 1, lineage: LINEAGE, serial },
  {
    kind: "result",
    ref: { mode: "managed", type: "terraform_data", name: "y" },
    provider: PROVIDER,
    instance: { schema_version: 0, attributes: { id: "y1" }, sensitive_attributes: [] },
  },
];

const cases: { name: string; serials: number[]; journal: number; reads: number; names?: string[]; error?: RegExp }[] = [
  { name: "journal of the state read: replayed at once", serials: [3], journal: 3, reads: 1, names: ["y"] },
  { name: "compacted between the two reads: read again, then replayed", serials: [2, 3], journal: 3, reads: 2, names: ["y"] },
  // A journal older than the file: a compaction wrote its results and crashed before resetting it.
  { name: "journal already compacted into the file: its results are skipped", serials: [4], journal: 3, reads: 1, names: [] },
  { name: "journal stays ahead of the file: refused after a few reads", serials: [2], journal: 3, reads: 3, error: /it extends serial 3, but the state file has the older serial 2/ },
];

for (const c of cases) {
  test(`readStateWithJournal: ${c.name}`, async () => {
    const store = storeReading(c.serials, journalFor(c.journal));
    const r = await readStateWithJournal(store);
    assert.equal(store.reads, c.reads);
    if (c.error !== undefined) {
      assert.equal(r.state, undefined);
      assert.match(r.diags.map((d) => d.detail).join("\n"), c.error);
      return;
    }
    assert.deepEqual(r.diags, []);
    assert.deepEqual(r.state!.resources.map((x) => x.name), c.names);
  });
}
