// LocalStateStore: the shared conformance suite plus what only a file store has (file mode, backup, atomic
// replacement, refusing to overwrite a file that failed to load, force-unlock, stale locks).
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { registerStateStoreConformance } from "../../state/testing.js";
import { LocalStateStore } from "../../state/local-store.js";
import { emptyState } from "../../state/model.js";
import { isLockStale, readLockInfo, type LockInfo } from "../../state/lock.js";
import { tempDir } from "./tmpdir.js";
import { holdLock } from "./lock-holder-spawn.js";

registerStateStoreConformance("LocalStateStore", async () => {
  const { dir, cleanup } = await tempDir();
  return { open: () => new LocalStateStore({ workingDir: dir }), cleanup };
});

const fixtures = new URL("../../../test/state/fixtures/", import.meta.url);

test("state file is written with mode 0600 at cairn.tfstate, no temp files left behind", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const s = new LocalStateStore({ workingDir: dir });
    s.write(emptyState("0.1.0"));
    assert.deepEqual(await s.persist(), []);
    assert.equal(statSync(join(dir, "cairn.tfstate")).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ["cairn.tfstate"]);
  } finally {
    await cleanup();
  }
});

test("backup keeps the state from before this store's first persist", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const first = new LocalStateStore({ workingDir: dir });
    const s = emptyState("0.1.0");
    s.outputs.v = { value: "one", type: "string" };
    first.write(s);
    await first.persist();
    const original = readFileSync(join(dir, "cairn.tfstate"), "utf8");

    const second = new LocalStateStore({ workingDir: dir });
    const st = (await second.read()).state!;
    st.outputs.v = { value: "two", type: "string" };
    second.write(st);
    await second.persist();
    st.outputs.v = { value: "three", type: "string" };
    second.write(st);
    await second.persist();
    assert.equal(readFileSync(join(dir, "cairn.tfstate.backup"), "utf8"), original);
    assert.equal(statSync(join(dir, "cairn.tfstate.backup")).mode & 0o777, 0o600);
    assert.equal((await new LocalStateStore({ workingDir: dir }).read()).state!.outputs.v.value, "three");
  } finally {
    await cleanup();
  }
});

for (const bad of ["truncated", "foreign-json", "version-3", "version-5", "bad-resources", "not-json-at-all"]) {
  test(`a ${bad} state file gives "Failed to load state" and is never overwritten`, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const path = join(dir, "cairn.tfstate");
      copyFileSync(new URL(`${bad}/cairn.tfstate`, fixtures), path);
      const before = readFileSync(path);
      const s = new LocalStateStore({ workingDir: dir });
      const r = await s.read();
      assert.equal(r.state, undefined);
      assert.equal(r.diags[0].summary, "Failed to load state");
      // Even a caller that ignores the error cannot replace the file.
      s.write(emptyState("0.1.0"));
      const d = await s.persist();
      assert.equal(d[0]?.summary, "Failed to persist state");
      assert.match(d[0].detail!, /refuses to overwrite/);
      const fresh = new LocalStateStore({ workingDir: dir });
      fresh.write(emptyState("0.1.0"));
      assert.equal((await fresh.persist())[0]?.summary, "Failed to persist state");
      assert.deepEqual(readFileSync(path), before);
      assert.deepEqual(readdirSync(dir), ["cairn.tfstate"]);
    } finally {
      await cleanup();
    }
  });
}

test("lock file holds Terraform's lock info plus pid; a live holder is refused by lock and force-unlock", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const a = new LocalStateStore({ workingDir: dir });
    const held = await a.lock({ operation: "OperationTypeApply", version: "0.1.0", info: "ci run 7" });
    assert.ok(held.ok);
    const raw = JSON.parse(readFileSync(join(dir, ".cairn.tfstate.lock.info"), "utf8")) as LockInfo;
    assert.deepEqual(Object.keys(raw).sort(), ["Created", "ID", "Info", "Operation", "Path", "Pid", "Version", "Who"]);
    assert.equal(raw.ID, held.id);
    assert.equal(raw.Pid, process.pid);
    assert.match(raw.Who, /.+@.+/);
    assert.equal(raw.Path, join(dir, "cairn.tfstate"));
    assert.equal(statSync(join(dir, ".cairn.tfstate.lock.db")).mode & 0o777, 0o600);
    const other = new LocalStateStore({ workingDir: dir });
    const second = await other.lock({ operation: "OperationTypePlan", version: "0.1.0" });
    assert.ok(!second.ok);
    assert.match(second.diags[0]!.detail!, new RegExp(`already locked[\\s\\S]*ID:\\s+${held.id}`));
    const refused = await other.forceUnlock("not-the-id");
    assert.equal(refused[0]!.summary, "Failed to unlock state");
    assert.match(refused[0]!.detail!, /held by a running process/);
    assert.deepEqual(await a.unlock(held.id), []);
    assert.equal(await readLockInfo(join(dir, ".cairn.tfstate.lock.info")), undefined);
    const again = await other.lock({ operation: "OperationTypePlan", version: "0.1.0" });
    assert.ok(again.ok && again.takenOver === undefined);
    assert.deepEqual(await other.unlock(again.id), []);
  } finally {
    await cleanup();
  }
});

test("a lock whose holder was killed with kill -9 is taken over at once, naming the dead holder", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const holder = await holdLock(dir);
    const s = new LocalStateStore({ workingDir: dir });
    const busy = await s.lock({ operation: "OperationTypeApply", version: "0.1.0" });
    assert.ok(!busy.ok);
    assert.match(busy.diags[0]!.detail!, new RegExp(`Pid:\\s+${holder.child.pid}`));
    await holder.kill9();
    const taken = await s.lock({ operation: "OperationTypeApply", version: "0.1.0" });
    assert.ok(taken.ok);
    assert.ok(taken.takenOver !== undefined && taken.takenOver !== "unreadable");
    assert.equal(taken.takenOver.ID, holder.id);
    assert.equal(taken.takenOver.Pid, holder.child.pid);
    assert.equal((JSON.parse(readFileSync(join(dir, ".cairn.tfstate.lock.info"), "utf8")) as LockInfo).ID, taken.id);
    assert.deepEqual(await s.unlock(taken.id), []);
  } finally {
    await cleanup();
  }
});

test("-lock-timeout waits for a holder that ends; a holder released normally leaves no info file", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const holder = await holdLock(dir);
    const s = new LocalStateStore({ workingDir: dir });
    const waiting = s.lock({ operation: "OperationTypeApply", version: "0.1.0", timeoutMs: 30_000 });
    await holder.stop();
    const r = await waiting;
    assert.ok(r.ok && r.takenOver === undefined, "the holder removed its info before releasing");
    assert.deepEqual(await s.unlock(r.id), []);
  } finally {
    await cleanup();
  }
});

test("force-unlock removes a dead holder's info file: by its ID, or whatever the ID when empty or damaged", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const info = join(dir, ".cairn.tfstate.lock.info");
    const s = new LocalStateStore({ workingDir: dir });
    const dead: LockInfo = { ID: "dead-1", Operation: "OperationTypeApply", Info: "", Who: "x@elsewhere", Version: "0.1.0", Created: "c", Path: "p", Pid: 999999 };
    const cases: { name: string; content: string; id: string; removed: boolean; error?: RegExp }[] = [
      { name: "readable, its ID", content: JSON.stringify(dead), id: "dead-1", removed: true },
      { name: "readable, another ID", content: JSON.stringify(dead), id: "other", removed: false, error: /does not match/ },
      { name: "empty", content: "", id: "anything", removed: true },
      { name: "damaged", content: '{"ID": "dead-1", "Who', id: "x", removed: true },
      { name: "not an object", content: "[1,2]", id: "x", removed: true },
    ];
    for (const c of cases) {
      writeFileSync(info, c.content);
      const d = await s.forceUnlock(c.id);
      assert.equal(existsSync(info), !c.removed, c.name);
      if (c.error) assert.match(d[0]!.detail!, c.error, c.name);
      else assert.deepEqual(d, [], c.name);
    }
    rmSync(info, { force: true });
    assert.match((await s.forceUnlock("x"))[0]!.detail!, /there is no lock/);
  } finally {
    await cleanup();
  }
});

test("stale lock detection: dead pid on this host only", () => {
  const info: LockInfo = { ID: "i", Operation: "o", Info: "", Who: "me@box", Version: "v", Created: "c", Path: "p", Pid: 4242 };
  const cases: { name: string; info: LockInfo; host: string; alive: boolean; stale: boolean }[] = [
    { name: "dead pid, same host", info, host: "box", alive: false, stale: true },
    { name: "live pid, same host", info, host: "box", alive: true, stale: false },
    { name: "dead pid, other host", info, host: "other", alive: false, stale: false },
    { name: "no pid recorded", info: { ...info, Pid: 0 }, host: "box", alive: false, stale: false },
  ];
  for (const c of cases) assert.equal(isLockStale(c.info, { host: c.host, isPidAlive: () => c.alive }), c.stale, c.name);
  // The real probe: this process is alive.
  assert.equal(isLockStale({ ...info, Pid: process.pid }, { host: "box" }), false);
});

test("an empty state file reads as no state and may be replaced", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    writeFileSync(join(dir, "cairn.tfstate"), "");
    const s = new LocalStateStore({ workingDir: dir });
    assert.deepEqual(await s.read(), { state: undefined, diags: [] });
    s.write(emptyState("0.1.0"));
    assert.deepEqual(await s.persist(), []);
    assert.equal((await new LocalStateStore({ workingDir: dir }).read()).state!.serial, 1);
  } finally {
    await cleanup();
  }
});
