// LocalStateStore: the shared conformance suite plus what only a file store has (file mode, backup, atomic
// replacement, refusing to overwrite a file that failed to load, force-unlock, stale locks).
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { registerStateStoreConformance } from "../../state/testing.js";
import { LocalStateStore } from "../../state/local-store.js";
import { emptyState } from "../../state/model.js";
import { isLockStale, readLockInfo, type LockInfo } from "../../state/lock.js";
import { tempDir } from "./tmpdir.js";

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

test("lock file holds Terraform's lock info plus pid; force-unlock refuses a wrong id", async () => {
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
    const other = new LocalStateStore({ workingDir: dir });
    const refused = await other.forceUnlock("not-the-id");
    assert.equal(refused[0].summary, "Failed to unlock state");
    assert.match(refused[0].detail!, /does not match/);
    assert.deepEqual(await other.forceUnlock(held.id), []);
    assert.equal(await readLockInfo(join(dir, ".cairn.tfstate.lock.info")), undefined);
    assert.equal((await other.forceUnlock(held.id))[0].summary, "Failed to unlock state");
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
