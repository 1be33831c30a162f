import { test } from "node:test";
import assert from "node:assert/strict";
import { openHistory, auditHistory, rollbackState, diffVersions } from "../../../state/history/index.js";
import { applyAndRecord, stateOf, tempWorkdir } from "./fixture.js";
import { LocalStateStore } from "../../../state/local-store.js";

const version = (n: number) => stateOf([{ name: "a", attrs: { id: "a", input: `v${n}` } }, { name: "fixed", attrs: { id: "f" } }]);

test("retention keeps the newest versions, records the prune, deletes unshared objects, and the chain stays valid", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    for (let n = 1; n <= 6; n++) await applyAndRecord(statePath, version(n), { command: "apply" }, { keep: 3 });
    const { history } = openHistory(statePath);
    assert.deepEqual(history.versions().map((r) => r.serial), [4, 5, 6]);
    const prunes = history.list().filter((r) => r.event === "prune");
    assert.equal(prunes[prunes.length - 1]!.pruned!.last_serial, 3);
    assert.deepEqual(auditHistory(history).findings, []);
    // Versions 1-3's own instance objects are gone; the shared "fixed" object and kept versions remain readable.
    assert.equal(history.snapshotAt(4).state!.resources.length, 2);
    assert.equal(history.snapshotAt(2).state, undefined);
    assert.match(history.snapshotAt(2).diags[0]!.detail!, /Recorded serials: 4 to 6/);
    // objects: per kept version root + bucket(s) for a + instance a; plus shared fixed instance, outputs, fixed's bucket.
    const reachableCount = history.plainStore.listAll().length;
    assert.ok(reachableCount <= 3 * 3 + 3, `objects: ${reachableCount}`);
  } finally {
    cleanup();
  }
});

test("deleting the prune record's anchor coverage is detected (records removed without a prune record)", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    for (let n = 1; n <= 4; n++) await applyAndRecord(statePath, version(n), { command: "apply" }, { keep: 2 });
    const { history } = openHistory(statePath);
    const { readFileSync, writeFileSync } = await import("node:fs");
    const ls = readFileSync(history.paths.records, "utf8").trimEnd().split("\n").filter((l) => !l.includes('"event":"prune"'));
    writeFileSync(history.paths.records, ls.join("\n") + "\n");
    const f = auditHistory(history).findings;
    assert.ok(f.some((x) => x.kind === "missing-record" && x.version === 3), JSON.stringify(f));
  } finally {
    cleanup();
  }
});

test("rollback writes a new version equal to version N, recorded as a rollback, history intact", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    for (let n = 1; n <= 3; n++) await applyAndRecord(statePath, version(n), { command: "apply" });
    const { history } = openHistory(statePath, { fsync: false });
    const store = new LocalStateStore({ path: statePath });
    const current = (await store.read()).state!;
    const rb = rollbackState(history, 1, current);
    assert.deepEqual(rb.diags, []);
    store.write(rb.state!);
    assert.deepEqual(await store.persist(), []);
    const persisted = (await store.read()).state!;
    const r = history.recordVersion({ command: "state rollback", rollbackOf: 1, env: { CAIRN_ACTOR: "ops@x" } }, persisted);
    assert.equal(r.record!.serial, 4);
    assert.equal(r.record!.rollback_of, 1);
    assert.deepEqual(r.record!.changes, [{ address: "terraform_data.a", action: "update" }]);
    assert.deepEqual(history.versions().map((v) => v.serial), [1, 2, 3, 4]);
    assert.deepEqual(auditHistory(history).findings, []);
    const d = diffVersions(history, 1, 4).diff!;
    assert.deepEqual(d.resources, []);
  } finally {
    cleanup();
  }
});
