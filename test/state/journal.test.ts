// The crash journal: replay rules, crash at every byte of the journal, crashes at each step of compaction,
// group commit, damaged and foreign journals, and the 20,000-result throughput figure.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LocalStateStore } from "../../state/local-store.js";
import { StateJournal } from "../../state/journal.js";
import { encodeRecord, parseJournal, type JournalRecord } from "../../state/journal-records.js";
import { replay } from "../../state/replay.js";
import { emptyState, type InstanceState, type StateFile } from "../../state/model.js";
import type { InstanceRef } from "../../state/instance-ref.js";
import { serializeState } from "../../state/serialize.js";
import { tempDir } from "./tmpdir.js";

const provider = 'provider["terraform.io/builtin/terraform"]';
const ref = (name: string, index_key?: number | string): InstanceRef => ({ mode: "managed", type: "terraform_data", name, ...(index_key === undefined ? {} : { index_key }) });
const obj = (id: string): InstanceState => ({ schema_version: 0, attributes: { id }, sensitive_attributes: [] });
const base = (): StateFile => ({ ...emptyState("0.1.0", "lineage-1"), serial: 3 });
const header = (serial = 3, lineage = "lineage-1"): JournalRecord => ({ kind: "header", format: 1, lineage, serial });
const ids = (s: StateFile) => s.resources.flatMap((r) => r.instances.map((i) => `${r.name}${i.index_key === undefined ? "" : `[${i.index_key}]`}=${String(i.attributes.id)}`));

test("replay table", () => {
  const cases: { name: string; records: JournalRecord[]; state: string[]; pending: string[]; applied: number; error?: RegExp }[] = [
    { name: "no journal", records: [], state: [], pending: [], applied: 0 },
    {
      name: "intent then result",
      records: [header(), { kind: "intent", ref: ref("a"), token: "t1", action: "create", provider }, { kind: "result", ref: ref("a"), provider, instance: obj("A") }],
      state: ["a=A"],
      pending: [],
      applied: 1,
    },
    {
      name: "intent without result is pending",
      records: [header(), { kind: "intent", ref: ref("a"), token: "t1", action: "create", provider }, { kind: "intent", ref: ref("b", 0), token: "t2", action: "create", provider }, { kind: "result", ref: ref("b", 0), provider, instance: obj("B") }],
      state: ["b[0]=B"],
      pending: ["t1"],
      applied: 1,
    },
    {
      name: "abandon resolves an intent",
      records: [header(), { kind: "intent", ref: ref("a"), token: "t1", action: "create", provider }, { kind: "abandon", token: "t1" }],
      state: [],
      pending: [],
      applied: 0,
    },
    {
      name: "delete removes the instance and the emptied resource",
      records: [header(), { kind: "result", ref: ref("a", "x"), provider, instance: obj("A") }, { kind: "result", ref: ref("a", "x"), provider, instance: null }],
      state: [],
      pending: [],
      applied: 2,
    },
    {
      name: "stale journal: results skipped, intents kept",
      records: [header(2), { kind: "intent", ref: ref("a"), token: "t1", action: "create", provider }, { kind: "result", ref: ref("b"), provider, instance: obj("B") }],
      state: [],
      pending: ["t1"],
      applied: 0,
    },
    { name: "other lineage", records: [header(3, "other")], state: [], pending: [], applied: 0, error: /lineage other/ },
    { name: "journal newer than state", records: [header(9)], state: [], pending: [], applied: 0, error: /older serial 3/ },
  ];
  for (const c of cases) {
    const r = replay(base(), c.records);
    assert.deepEqual(ids(r.state), c.state, c.name);
    assert.deepEqual(r.pending.map((p) => p.token), c.pending, c.name);
    assert.equal(r.applied, c.applied, c.name);
    if (c.error) assert.match(r.diags[0]?.detail ?? "", c.error, c.name);
    else assert.deepEqual(r.diags, [], c.name);
  }
});

/** A scripted run: after each record, what state and pending intents a crash right then must recover. */
function script(): { records: JournalRecord[]; expect: { state: string[]; pending: string[] }[] } {
  const records: JournalRecord[] = [header()];
  const expect = [{ state: [] as string[], pending: [] as string[] }];
  const state = new Map<string, string>();
  const pending: string[] = [];
  const add = (r: JournalRecord) => {
    records.push(r);
    if (r.kind === "intent") pending.push(r.token);
    if (r.kind === "result") {
      const key = `${r.ref.name}${r.ref.index_key === undefined ? "" : `[${r.ref.index_key}]`}`;
      if (r.instance) state.set(key, String(r.instance.attributes.id));
      else state.delete(key);
      const t = `tok-${key}`;
      if (pending.includes(t)) pending.splice(pending.indexOf(t), 1);
    }
    expect.push({ state: [...state].sort().map(([k, v]) => `${k}=${v}`), pending: [...pending] });
  };
  for (let i = 0; i < 6; i++) {
    add({ kind: "intent", ref: ref("w", i), token: `tok-w[${i}]`, action: "create", provider });
    if (i > 0) add({ kind: "result", ref: ref("w", i - 1), provider, each: "list", instance: obj(`id-${i - 1}-é<&>`) });
  }
  add({ kind: "result", ref: ref("w", 2), provider, each: "list", instance: null });
  return { records, expect };
}

test("crash at every byte of the journal: replay recovers exactly the complete records", () => {
  const { records, expect } = script();
  const lines = records.map(encodeRecord);
  const text = lines.join("");
  let complete = 0;
  let offset = 0;
  for (let cut = lines[0].length; cut <= text.length; cut++) {
    while (complete + 1 < lines.length && offset + lines[complete + 1].length + lines[0].length <= cut) {
      offset += lines[complete + 1].length;
      complete++;
    }
    const parsed = parseJournal(text.slice(0, cut), "j");
    assert.deepEqual(parsed.diags, [], `cut at ${cut}`);
    assert.equal(parsed.tornTail, cut !== lines[0].length + offset, `cut at ${cut}`);
    const r = replay(base(), parsed.records);
    const got = { state: ids(r.state).sort(), pending: r.pending.map((p) => p.token) };
    assert.deepEqual(got, expect[complete], `cut at ${cut}`);
  }
});

test("crash at every record boundary and mid-record, recovered through the file store", async () => {
  const { records, expect } = script();
  const lines = records.map(encodeRecord);
  const { dir, cleanup } = await tempDir();
  try {
    for (let k = 1; k <= lines.length; k++) {
      for (const torn of [false, true]) {
        if (torn && k === lines.length) continue;
        const wd = join(dir, `${k}-${torn}`);
        const store0 = new LocalStateStore({ workingDir: wd });
        await import("node:fs/promises").then((fs) => fs.mkdir(wd));
        writeFileSync(join(wd, "cairn.tfstate"), serializeState(base()));
        const tail = torn ? lines[k].slice(0, Math.floor(lines[k].length / 2)) : "";
        writeFileSync(store0.journalPath, lines.slice(0, k).join("") + tail);
        const store = new LocalStateStore({ workingDir: wd });
        const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0" });
        assert.deepEqual(opened.diags, []);
        assert.equal(opened.tornTail, torn);
        assert.deepEqual(ids(opened.journal!.currentState()).sort(), expect[k - 1].state, `k=${k} torn=${torn}`);
        assert.deepEqual(opened.pending.map((p) => p.token), expect[k - 1].pending);
        // The recovered results are in the state file now and the journal restarted from them.
        assert.deepEqual(ids((await new LocalStateStore({ workingDir: wd }).read()).state!).sort(), expect[k - 1].state);
        const restarted = parseJournal(readFileSync(store.journalPath, "utf8"), "j");
        assert.deepEqual(restarted.records.slice(1).map((r) => (r.kind === "intent" ? r.token : r.kind)), expect[k - 1].pending);
        await opened.journal!.close();
      }
    }
  } finally {
    await cleanup();
  }
});

test("crash between compaction's state write and journal reset: nothing applied twice, intents kept", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new LocalStateStore({ workingDir: dir });
    const { journal } = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0", compactAfterRecords: 0 });
    journal!.recordResult({ ref: ref("a"), provider, instance: obj("A1") });
    journal!.recordIntent({ ref: ref("b"), token: "tb", action: "create", provider });
    await journal!.flush();
    const journalBefore = readFileSync(store.journalPath);
    await journal!.compact();
    // Simulate the crash: the new state file is in place, the old journal was never replaced.
    writeFileSync(store.journalPath, journalBefore);
    const again = new LocalStateStore({ workingDir: dir });
    const serialBefore = (await again.read()).state!.serial;
    const opened = await StateJournal.open(again, again.journalPath, { cairnVersion: "0.1.0" });
    assert.deepEqual(opened.diags, []);
    assert.equal(opened.recovered, 0);
    assert.deepEqual(opened.pending.map((p) => p.token), ["tb"]);
    assert.deepEqual(ids(opened.journal!.currentState()), ["a=A1"]);
    assert.equal((await new LocalStateStore({ workingDir: dir }).read()).state!.serial, serialBefore);
  } finally {
    await cleanup();
  }
});

test("crash before compaction's rename: the stray temp file is ignored, the journal replays", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new LocalStateStore({ workingDir: dir });
    const { journal } = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0", compactAfterRecords: 0 });
    journal!.recordResult({ ref: ref("a"), provider, instance: obj("A1") });
    await journal!.flush();
    writeFileSync(join(dir, ".cairn.tfstate.tmp-999-deadbeef"), "{ half a sta");
    const opened = await StateJournal.open(new LocalStateStore({ workingDir: dir }), store.journalPath, { cairnVersion: "0.1.0" });
    assert.equal(opened.recovered, 1);
    assert.deepEqual(ids(opened.journal!.currentState()), ["a=A1"]);
  } finally {
    await cleanup();
  }
});

test("close compacts into the state file and removes the journal", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new LocalStateStore({ workingDir: dir });
    const { journal } = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0" });
    journal!.recordResult({ ref: ref("a", 0), provider, each: "list", instance: obj("A") });
    journal!.recordOutput({ name: "out", output: { value: "v", type: "string" } });
    assert.deepEqual(await journal!.close(), []);
    assert.equal(existsSync(store.journalPath), false);
    const s = (await new LocalStateStore({ workingDir: dir }).read()).state!;
    assert.deepEqual(ids(s), ["a[0]=A"]);
    // Terraform 1.x writes no resource-level `each`; the instance key says how the resource repeats.
    assert.equal(s.resources[0].each, undefined);
    assert.equal(s.resources[0].instances[0]!.index_key, 0);
    assert.deepEqual(s.outputs.out, { value: "v", type: "string" });
    assert.deepEqual(readdirSync(dir).sort(), ["cairn.tfstate"]);
  } finally {
    await cleanup();
  }
});

test("a damaged journal line (not the last) or a foreign journal stops open and changes no file", async () => {
  const { records } = script();
  const lines = records.map(encodeRecord);
  const damaged = lines.slice(0, 3).join("") + "{not json\n" + lines[3];
  const foreign = encodeRecord({ kind: "header", format: 1, lineage: "someone-else", serial: 3 }) + lines[1];
  // Valid JSON whose key is garbled: never read as a record that merely lacks an optional field.
  const garble = (line: string, from: string, to: string) => (assert.ok(line.includes(from), from), line.replace(from, to));
  const intentAt = lines.findIndex((l) => l.includes('"kind":"intent"'));
  const resultAt = lines.findIndex((l) => l.includes('"kind":"result"'));
  const withLine = (i: number, l: string) => lines.slice(0, i).join("") + l + lines.slice(i + 1).join("");
  for (const [name, text, message] of [
    ["damaged", damaged, /line 4 is damaged/],
    ["foreign", foreign, /lineage someone-else/],
    ["garbled intent key", withLine(intentAt, garble(lines[intentAt]!, '"provider"', '"provdier"')), /unexpected field "provdier" in the intent record/],
    ["garbled result key", withLine(resultAt, garble(lines[resultAt]!, '"instance"', '"instanse"')), /unexpected field "instanse"/],
  ] as const) {
    const { dir, cleanup } = await tempDir();
    try {
      const store = new LocalStateStore({ workingDir: dir });
      writeFileSync(store.path, serializeState(base()));
      writeFileSync(store.journalPath, text);
      const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0" });
      assert.equal(opened.journal, undefined, name);
      assert.equal(opened.diags[0].summary, "Failed to load state journal");
      assert.match(opened.diags[0].detail!, message);
      assert.equal(readFileSync(store.journalPath, "utf8"), text);
      assert.equal(readFileSync(store.path, "utf8"), serializeState(base()));
    } finally {
      await cleanup();
    }
  }
});

test("group commit: concurrent flushes share fsyncs (timing: bench/state/journal.bench.ts)", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new LocalStateStore({ workingDir: dir });
    const { journal } = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0" });
    const j = journal!;
    const total = 20_000;
    let next = 0;
    // Ten workers, like an apply with -parallelism=10: each result is durable before the worker moves on.
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < total) {
          const i = next++;
          j.recordResult({ ref: ref("n", i), provider, each: "list", instance: obj(`id-${i}`) });
          assert.deepEqual(await j.flush(), []);
        }
      }),
    );
    assert.deepEqual(await j.close(), []);
    const stats = j.stats();
    assert.ok(stats.syncs < total / 2, `group commit should coalesce, got ${stats.syncs} fsyncs`);
    const s = (await new LocalStateStore({ workingDir: dir }).read()).state!;
    assert.equal(s.resources[0].instances.length, total);
  } finally {
    await cleanup();
  }
});

test("flush with nothing recorded resolves at once; recording after close is a bug", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new LocalStateStore({ workingDir: dir });
    const { journal } = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0" });
    assert.deepEqual(await journal!.flush(), []);
    assert.equal(journal!.stats().syncs, 0);
    await journal!.close();
    assert.throws(() => journal!.recordAbandon({ token: "x" }), /after close/);
    copyFileSync(store.path, store.path + ".copy");
  } finally {
    await cleanup();
  }
});

test("size-based compaction: the journal is folded into the state once it outgrows both the limit and the state", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new LocalStateStore({ workingDir: dir });
    const { journal } = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0", compactAfterBytes: 20_000 });
    const j = journal!;
    // Rewriting the same 10 objects over and over: the state stays small, so compaction follows the limit.
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 10; i++) j.recordResult({ ref: ref("hot", i), provider, each: "list", instance: obj(`v${round}`) });
      await j.flush();
    }
    const compactions = j.stats().compactions;
    assert.ok(compactions >= 5, `expected periodic compactions, got ${compactions}`);
    assert.ok(readFileSync(store.journalPath).length < 40_000, "the journal was truncated by compaction");
    const onDisk = (await new LocalStateStore({ workingDir: dir }).read()).state!;
    assert.ok(onDisk.serial >= compactions);
    assert.deepEqual(await j.close(), []);
    assert.deepEqual(ids((await new LocalStateStore({ workingDir: dir }).read()).state!), Array.from({ length: 10 }, (_, i) => `hot[${i}]=v199`));
  } finally {
    await cleanup();
  }
});

test("journal with a keyring (encryption at rest): every record sealed, replayed only with the key", async () => {
  const { newKeyring } = await import("../../state/encryption/index.js");
  const { LocalStateStore } = await import("../../state/local-store.js");
  const { StateJournal } = await import("../../state/journal.js");
  const { readJournalFile } = await import("../../state/journal-records.js");
  const { mkdtempSync, readFileSync: read } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join: j } = await import("node:path");
  const secret = "JOURNAL-SECRET-42";
  const keyring = newKeyring({ primary: "journal-pass", cost: { iterations: 1000 } });
  const dir = mkdtempSync(j(tmpdir(), "cairn-journal-enc-"));
  const store = new LocalStateStore({ workingDir: dir, keyring });
  const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0", compactAfterRecords: 0 });
  assert.ok(opened.journal);
  const ref = { mode: "managed" as const, type: "terraform_data", name: "a" };
  opened.journal.recordResult({ ref, provider: 'provider["terraform.io/builtin/terraform"]', instance: { schema_version: 0, attributes: { id: "a", input: secret }, sensitive_attributes: [] } });
  assert.deepEqual(await opened.journal.flush(), []);
  const raw = read(store.journalPath, "utf8");
  assert.ok(!raw.includes(secret), "a journal record holds the secret in plaintext");
  const lines = raw.trimEnd().split("\n");
  assert.equal(lines.length, 2);
  for (const l of lines) assert.ok(l.startsWith('{"cairn_encryption":1,'), l.slice(0, 40));
  const replayed = await readJournalFile(store.journalPath, keyring);
  assert.deepEqual(replayed.diags, []);
  assert.deepEqual(replayed.records.map((r) => r.kind), ["header", "result"]);
  const without = await readJournalFile(store.journalPath);
  assert.match(without.diags[0]?.detail ?? "", /Missing encryption key/);
  const wrong = await readJournalFile(store.journalPath, newKeyring({ primary: "nope", cost: { iterations: 1000 } }));
  assert.match(wrong.diags[0]?.detail ?? "", /Wrong encryption key/);
  await opened.journal.close();
  assert.ok(!read(store.path, "utf8").includes(secret), "the state file holds the secret in plaintext");
});

test("room(): resolves at once under the budget; over it, starts a flush and resolves once the records are written", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new LocalStateStore({ workingDir: dir });
    const { journal } = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0", compactAfterRecords: 0 });
    const big = (id: string): InstanceState => ({ schema_version: 0, attributes: { id, input: "x".repeat(100_000) }, sensitive_attributes: [] });
    await journal!.room(1000); // nothing recorded yet
    for (let i = 0; i < 5; i++) journal!.recordResult({ ref: ref("a", i), provider, instance: big(`A${i}`) });
    let done = false;
    const waiting = journal!.room(1000).then(() => (done = true));
    assert.equal(done, false, "over budget: it waits");
    await waiting;
    // room() started the write itself, and what it waited for is in the file (memory is free again).
    assert.equal(readFileSync(store.journalPath, "utf8").split("\n").filter((l) => l.includes('"result"')).length, 5);
    await journal!.close();
  } finally {
    await cleanup();
  }
});
