// Snapshot packs (state/history/object-files.ts, pack-format.ts): one pack per version, histories written
// before packs still readable, packs torn by a crash read as far as they are whole and reported, objects
// edited inside a pack caught by the audit, and pruning deleting and rewriting packs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { newKeyring } from "../../../state/encryption/index.js";
import { auditHistory, openHistory, type Finding, type History } from "../../../state/history/index.js";
import { ObjectFiles } from "../../../state/history/object-files.js";
import { applyAndRecord, stateOf, tempWorkdir, threeVersions } from "./fixture.js";
import { packHolding, packs, storedBytes } from "./pack-edit.js";

const FIXTURES = fileURLToPath(new URL("../../../../test/state/history/fixtures/loose-objects/", import.meta.url));
const cheap = { iterations: 1000, N: 1024 };
const fixtureKey = (fallbacks: string[] = []) => newKeyring({ primary: "fixture-passphrase", fallbacks, keyDerivation: "pbkdf2", cost: cheap });

function kinds(f: readonly Finding[]): [string, number | undefined][] {
  return f.map((x) => [x.kind, x.version]);
}

function looseDirs(history: History): string[] {
  return existsSync(history.files.dir) ? readdirSync(history.files.dir).filter((n) => /^[0-9a-f]{2}$/.test(n)) : [];
}

function instanceAddr(history: History, serial: number, name: string): string {
  const h = history.handle(history.findVersion(serial)!).handle!;
  for (const [id, b] of Object.entries(h.root.buckets)) for (const e of h.bucket(id, b)) if (e.resource.name === name) return e.instances[0]![1];
  throw new Error(`${name} not in version ${serial}`);
}

test("round trip: each version's new objects in one pack, no loose files, every version reads back", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    assert.deepEqual(looseDirs(history), []);
    const ps = packs(history);
    assert.equal(ps.length, 3);
    // Version 1: a, b, their buckets, outputs, root; version 2: a, its bucket, root.
    const v1Buckets = Object.keys(history.handle(history.findVersion(1)!).handle!.root.buckets).length;
    assert.equal(packHolding(history, history.findVersion(1)!.snapshot!).pack.entries.length, 2 + v1Buckets + 2);
    assert.equal(packHolding(history, history.findVersion(2)!.snapshot!).pack.entries.length, 3);
    assert.equal(history.plainStore.listAll().length, ps.reduce((n, p) => n + p.entries.length, 0));
    assert.equal(history.snapshotAt(1).state!.resources.find((r) => r.name === "a")!.instances[0]!.attributes.input, "one");
    assert.equal(history.snapshotAt(2).state!.resources.find((r) => r.name === "a")!.instances[0]!.attributes.input, "two");
    assert.deepEqual(history.snapshotAt(3).state!.resources.map((r) => r.name), ["a", "c"]);
    assert.deepEqual(history.snapshotAt(3).state!.outputs.url!.value, "http://c");
    // What the pack stores is the object as a loose file held it: deflated canonical JSON with its address.
    const root = history.findVersion(2)!.snapshot!;
    assert.equal(history.plainStore.address(inflateRawSync(storedBytes(history, root)).toString("utf8")), root);
    assert.deepEqual(auditHistory(history).findings, []);
  } finally {
    cleanup();
  }
});

test("small objects are stored in deflate's stored blocks, larger ones compressed; both read back by any raw inflater", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const big = "repeated text ".repeat(200);
    const r = await applyAndRecord(statePath, stateOf([{ name: "small", attrs: { id: "s", note: "héllo ✓ 雪" } }, { name: "big", attrs: { id: "b", note: big } }]), { command: "apply" });
    const h = r.history;
    for (const [name, compressed] of [["small", false], ["big", true]] as const) {
      const addr = instanceAddr(h, 1, name);
      const stored = storedBytes(h, addr);
      const plain = inflateRawSync(stored).toString("utf8");
      assert.equal(h.plainStore.address(plain), addr);
      if (compressed) assert.ok(stored.length < plain.length / 4, `${name}: ${stored.length} of ${plain.length}`);
      else assert.equal(stored.length, Buffer.byteLength(plain) + 5);
    }
    assert.equal(h.snapshotAt(1).state!.resources.find((x) => x.name === "big")!.instances[0]!.attributes.note, big);
  } finally {
    cleanup();
  }
});

test("an unchanged object is not stored again, and recording an unchanged state writes no pack", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const again = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "two" } }, { name: "c", attrs: { id: "c", input: "y" } }], { url: { value: "http://c" } }), { command: "apply" });
    assert.equal(again.recorded, false);
    assert.equal(packs(again.history).length, 3);
    const back = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "one" } }, { name: "c", attrs: { id: "c", input: "y" } }], { url: { value: "http://c" } }), { command: "apply" });
    // a's object "one" and its bucket (a alone) are version 1's, c's and the outputs version 3's: only a root is new.
    assert.equal(Object.values(back.history.handle(back.record!).handle!.root.buckets).length, 2);
    assert.equal(packs(back.history).length, 4);
    assert.deepEqual(packHolding(back.history, back.record!.snapshot!).pack.entries.map((e) => e.addr), [back.record!.snapshot!]);
  } finally {
    cleanup();
  }
});

for (const kind of ["plain", "sealed"] as const) {
  test(`a history written before packs (${kind}, loose objects) reads, audits, records into packs and prunes`, async () => {
    const { dir, statePath, cleanup } = tempWorkdir();
    try {
      cpSync(join(FIXTURES, kind), dir, { recursive: true });
      const opts = kind === "sealed" ? { keyring: fixtureKey() } : {};
      const { history } = openHistory(statePath, opts);
      assert.equal(looseDirs(history).length > 0, true);
      assert.deepEqual(packs(history), []);
      assert.deepEqual(history.versions().map((r) => [r.serial, !!r.sealed]), [1, 2, 3].map((s) => [s, kind === "sealed"]));
      assert.equal(history.snapshotAt(1).state!.resources.find((r) => r.name === "b")!.instances[0]!.attributes.input, "x");
      assert.deepEqual(history.snapshotAt(3).state!.outputs.url!.value, "http://c");
      assert.deepEqual(auditHistory(history).findings, []);
      const loose = history.plainStore.listAll().length;

      // A new version stores only its new objects, in a pack; the loose ones it shares are not copied.
      const v4 = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "four" } }, { name: "c", attrs: { id: "c", input: "y" } }], { url: { value: "http://c" } }), { command: "apply" }, opts);
      assert.equal(v4.record!.serial, 4);
      assert.deepEqual(packs(v4.history).map((p) => p.entries.length), [3]);
      assert.equal(v4.history.plainStore.listAll().length, loose + 3);
      const reread = openHistory(statePath, opts).history;
      assert.equal(reread.snapshotAt(4).state!.resources.find((r) => r.name === "a")!.instances[0]!.attributes.input, "four");
      assert.deepEqual(auditHistory(reread).findings, []);

      // Pruning to the newest version deletes the loose objects only older versions used.
      const v5 = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "five" } }, { name: "c", attrs: { id: "c", input: "y" } }], { url: { value: "http://c" } }), { command: "apply" }, { ...opts, keep: 1 });
      const pruned = openHistory(statePath, opts).history;
      assert.deepEqual(pruned.versions().map((r) => r.serial), [5]);
      // Version 5: a, its bucket, root (a pack); c, c's bucket, outputs (loose, from version 3).
      const buckets = Object.keys(pruned.handle(pruned.findVersion(5)!).handle!.root.buckets).length;
      assert.equal(pruned.plainStore.listAll().length, 2 + buckets + 2);
      assert.equal(packs(pruned).length, 1);
      assert.equal(pruned.snapshotAt(5).state!.resources.length, 2);
      assert.deepEqual(auditHistory(pruned).findings, []);
      assert.equal(v5.record!.serial, 5);
    } finally {
      cleanup();
    }
  });
}

test("key rotation re-seals loose and packed objects alike", async () => {
  const { dir, statePath, cleanup } = tempWorkdir();
  try {
    cpSync(join(FIXTURES, "sealed"), dir, { recursive: true });
    const next = (fallbacks: string[]) => newKeyring({ primary: "next-passphrase", fallbacks, keyDerivation: "pbkdf2", cost: cheap });
    await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "four" } }]), { command: "apply" }, { keyring: fixtureKey() });
    const { history } = openHistory(statePath, { keyring: next(["fixture-passphrase"]) });
    const all = history.plainStore.listAll().length;
    assert.equal(history.rekey().rewritten, all);
    const only = openHistory(statePath, { keyring: next([]) }).history;
    for (const s of [1, 2, 3, 4]) assert.ok(only.snapshotAt(s).state, `version ${s}`);
    assert.deepEqual(auditHistory(only).diags, []);
    assert.deepEqual(auditHistory(only).findings, []);
    assert.equal(openHistory(statePath, { keyring: next([]) }).history.rekey().rewritten, 0);
  } finally {
    cleanup();
  }
});

test("a pack torn in its index (all objects complete): every version still reads; the audit names the pack", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    const { pack } = packHolding(history, history.findVersion(3)!.snapshot!);
    truncateSync(pack.path, pack.bytes.length - 10);
    const torn = openHistory(statePath).history;
    assert.deepEqual(torn.snapshotAt(3).state!.resources.map((r) => r.name), ["a", "c"]);
    const f = auditHistory(torn).findings;
    assert.deepEqual(kinds(f), [["damaged-pack", undefined]]);
    assert.match(f[0]!.message, /^The snapshot pack packs\/[0-9a-f]{64}\.pack is not whole: its index footer is missing \(the file was cut short\); the \d+ objects stored completely before the damage are still read/);
  } finally {
    cleanup();
  }
});

test("a pack torn among its objects: the version that lost its root is reported, the others read, recording continues", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    const root3 = history.findVersion(3)!.snapshot!;
    const { pack, entry } = packHolding(history, root3);
    truncateSync(pack.path, entry.offset + 5); // into the root, the last object written
    const torn = openHistory(statePath).history;
    assert.equal(torn.snapshotAt(3).state, undefined);
    assert.match(torn.snapshotAt(3).diags[0]!.detail!, /missing/);
    assert.ok(torn.snapshotAt(2).state);
    const f = auditHistory(torn).findings;
    assert.deepEqual(kinds(f), [["damaged-snapshot", 3], ["damaged-pack", undefined]]);
    assert.match(f.find((x) => x.kind === "damaged-snapshot")!.message, /^Version 3: the snapshot root object was replaced or damaged/);
    // The next version does not trust the torn pack: it stores what it needs again, whole.
    const v4 = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "two" } }, { name: "c", attrs: { id: "c", input: "y" } }, { name: "d", attrs: { id: "d" } }], { url: { value: "http://c" } }), { command: "apply" });
    assert.ok(v4.recorded);
    const after = openHistory(statePath).history;
    assert.deepEqual(after.snapshotAt(4).state!.resources.map((r) => r.name), ["a", "c", "d"]);
    assert.ok(!auditHistory(after).findings.some((x) => x.version === 4), JSON.stringify(auditHistory(after).findings));
  } finally {
    cleanup();
  }
});

test("an empty pack, a pack of garbage, a directory named as a pack and a crashed write's temporary file are not a crash", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    writeFileSync(join(history.files.packDir, "0".repeat(64) + ".pack"), "");
    writeFileSync(join(history.files.packDir, "1".repeat(64) + ".pack"), "not a pack at all, just some bytes that are long enough to have a footer............");
    writeFileSync(join(history.files.packDir, `.${"2".repeat(64)}.pack.tmp-123-abcd`), "CAIRNPK1cobj");
    mkdirSync(join(history.files.packDir, "3".repeat(64) + ".pack"));
    const h = openHistory(statePath).history;
    assert.ok(h.snapshotAt(3).state);
    const f = auditHistory(h).findings;
    assert.deepEqual(kinds(f), [["damaged-pack", undefined], ["damaged-pack", undefined], ["damaged-pack", undefined]]);
    assert.equal(readdirSync(h.files.packDir).length, 7);
    assert.match(f.map((x) => x.message).join("\n"), /0{64}\.pack is not whole: it is 0 bytes long, too short to be whole; the 0 objects/);
    assert.match(f.map((x) => x.message).join("\n"), /1{64}\.pack is not whole: it does not start as a pack file/);
    assert.match(f.map((x) => x.message).join("\n"), /3{64}\.pack is not whole: it cannot be read \(EISDIR/);
  } finally {
    cleanup();
  }
});

test("an object's bytes edited inside a pack (index untouched) are caught by the audit with version and resource", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    const a1 = instanceAddr(history, 1, "a");
    const { pack, entry } = packHolding(history, a1);
    const bytes = Buffer.from(pack.bytes);
    bytes[entry.offset + Math.floor(entry.length / 2)]! ^= 0x20;
    writeFileSync(pack.path, bytes);
    const f = auditHistory(openHistory(statePath).history).findings;
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.ok(f[0]!.kind === "snapshot-mismatch" || f[0]!.kind === "damaged-snapshot", f[0]!.kind);
    assert.equal(f[0]!.version, 1);
    assert.match(f[0]!.message, /^Version 1: the snapshot object of terraform_data\.a was replaced or damaged/);
  } finally {
    cleanup();
  }
});

test("a pack's index edited without its checksum: the pack is reported and read by its objects' own headers", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    const { pack } = packHolding(history, history.findVersion(1)!.snapshot!);
    const bytes = Buffer.from(pack.bytes);
    // The first index entry's length (the index follows the last object; the footer is 56 bytes).
    const indexStart = bytes.length - 56 - pack.entries.length * 44;
    bytes.writeUInt32BE(1, indexStart + 40);
    writeFileSync(pack.path, bytes);
    const h = openHistory(statePath).history;
    assert.equal(h.snapshotAt(1).state!.resources.length, 2);
    const f = auditHistory(h).findings;
    assert.deepEqual(kinds(f), [["damaged-pack", undefined]]);
    assert.match(f[0]!.message, /its index does not match the footer's checksum/);
  } finally {
    cleanup();
  }
});

test("pruning deletes packs nothing kept uses, rewrites packs kept versions share, and repairs torn packs", async () => {
  const { statePath, cleanup } = tempWorkdir();
  const version = (n: number) => stateOf([{ name: "a", attrs: { id: "a", input: `value-${n}` } }, { name: "fixed", attrs: { id: "f" } }]);
  try {
    for (let n = 1; n <= 3; n++) await applyAndRecord(statePath, version(n), { command: "apply" });
    const { history } = openHistory(statePath);
    assert.equal(Object.keys(history.handle(history.findVersion(1)!).handle!.root.buckets).length, 2, "a and fixed in separate buckets");
    // Tear version 3's pack in its footer: pruning keeps version 3 and must leave its pack whole.
    const torn = packHolding(history, history.findVersion(3)!.snapshot!).pack;
    truncateSync(torn.path, torn.bytes.length - 1);
    assert.deepEqual(kinds(auditHistory(openHistory(statePath).history).findings), [["damaged-pack", undefined]]);
    await applyAndRecord(statePath, version(4), { command: "apply" }, { keep: 2 });
    const repaired = openHistory(statePath).history;
    assert.deepEqual(repaired.versions().map((r) => r.serial), [3, 4]);
    assert.deepEqual(auditHistory(repaired).findings, []);
    // Version 1's pack rewritten with the shared objects (fixed, its bucket, outputs); version 2's deleted.
    assert.equal(packs(repaired).length, 3);
    assert.equal(repaired.plainStore.listAll().length, 9);

    await applyAndRecord(statePath, version(5), { command: "apply" }, { keep: 2 });
    const pruned = openHistory(statePath).history;
    assert.deepEqual(pruned.versions().map((r) => r.serial), [4, 5]);
    assert.deepEqual(auditHistory(pruned).findings, []);
    const ps = packs(pruned);
    assert.equal(ps.length, 3);
    assert.equal(pruned.plainStore.listAll().length, 9);
    for (const p of ps) {
      for (const e of p.entries) {
        const text = inflateRawSync(p.bytes.subarray(e.offset, e.offset + e.length)).toString("utf8");
        for (const gone of [1, 2, 3]) assert.ok(!text.includes(`value-${gone}"`), `pruned version ${gone}'s object is still stored`);
      }
    }
    assert.equal(pruned.snapshotAt(4).state!.resources.find((r) => r.name === "a")!.instances[0]!.attributes.input, "value-4");
    assert.deepEqual(readdirSync(pruned.files.packDir).filter((n) => !n.endsWith(".pack")), []);
  } finally {
    cleanup();
  }
});

test("with fsync on (as the commands run), the first version creates the pack directory and records", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const r = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a" } }]), { command: "apply" }, { fsync: true });
    const h = openHistory(statePath).history;
    assert.ok(h.files.has(r.record!.snapshot!));
    const text = readFileSync(h.paths.records, "utf8");
    assert.ok(text.includes(r.record!.snapshot!));
    assert.deepEqual(auditHistory(h).findings, []);
  } finally {
    cleanup();
  }
});

test("packs too large to keep in memory are read object by object, and a cut one still reads what is whole", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    const uncached = new ObjectFiles(history.files.dir, false, 0);
    for (const addr of history.plainStore.listAll()) {
      const r = uncached.read(addr);
      assert.ok(r.ok && r.data.equals(storedBytes(history, addr)), addr);
    }
    const root3 = history.findVersion(3)!.snapshot!;
    const { pack, entry } = packHolding(history, root3);
    truncateSync(pack.path, entry.offset + 5);
    const cut = new ObjectFiles(history.files.dir, false, 0);
    assert.deepEqual(cut.read(root3), { ok: false, missing: true });
    assert.equal(cut.problems().length, 1);
    assert.ok(cut.read(history.findVersion(1)!.snapshot!).ok);
  } finally {
    cleanup();
  }
});

test("small packs are merged once 32 have accumulated: every version still reads and audits clean", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const version = (n: number) => stateOf([{ name: "a", attrs: { id: "a", input: `value-${n}` } }, { name: "fixed", attrs: { id: "f" } }]);
    for (let n = 1; n <= 31; n++) await applyAndRecord(statePath, version(n), { command: "apply" });
    assert.equal(packs(openHistory(statePath).history).length, 31);
    for (let n = 32; n <= 34; n++) await applyAndRecord(statePath, version(n), { command: "apply" });
    const { history } = openHistory(statePath);
    const ps = packs(history);
    // Versions 1-32 in one pack, 33 and 34 in their own.
    assert.equal(ps.length, 3);
    assert.equal(ps.reduce((n, p) => n + p.entries.length, 0), history.plainStore.listAll().length);
    for (let n = 1; n <= 34; n++) assert.equal(history.snapshotAt(n).state!.resources.find((r) => r.name === "a")!.instances[0]!.attributes.input, `value-${n}`);
    assert.deepEqual(auditHistory(history).findings, []);
  } finally {
    cleanup();
  }
});
