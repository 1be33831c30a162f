// The history commands end to end: state history, state diff, state audit (exit 0/2/1), state rollback
// (confirmation), drift, through the `state` dispatcher as a user runs them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { stateCommand } from "../../cmd/commands/state.js";
import { driftCommand } from "../../cmd/commands/drift.js";
import { run } from "./history-run.js";
import { tempWorkdir, threeVersions } from "../state/history/fixture.js";

async function three() {
  const w = tempWorkdir();
  await threeVersions(w.statePath);
  return w;
}

test("acceptance: after three applies, state history shows three versions with actor, command and change counts", async () => {
  const w = await three();
  try {
    const r = await run(stateCommand, w.dir, ["history"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^SERIAL\s+TIME \(UTC\)\s+ACTOR\s+COMMAND\s+CREATED\s+CHANGED\s+DESTROYED\s+NOTE$/);
    assert.match(lines[1]!, /^3\s+\S+Z\s+alice@ci\s+apply\s+1\s+0\s+1\s+outputs: url$/);
    assert.match(lines[2]!, /^2\s+\S+Z\s+alice@ci\s+apply\s+0\s+1\s+0$/);
    assert.match(lines[3]!, /^1\s+\S+Z\s+alice@ci\s+apply\s+2\s+0\s+0$/);
    const j = JSON.parse((await run(stateCommand, w.dir, ["history", "-json", "-limit", "2"])).stdout);
    assert.deepEqual(j.records.map((x: { serial: number; counts: object }) => [x.serial, x.counts]), [[3, { created: 1, changed: 0, destroyed: 1 }], [2, { created: 0, changed: 1, destroyed: 0 }]]);
    const filtered = await run(stateCommand, w.dir, ["history", "-resource", "terraform_data.b"]);
    assert.deepEqual(filtered.stdout.trimEnd().split("\n").slice(1).map((l) => l.split(/\s+/)[0]), ["3", "1"]);
    assert.equal((await run(stateCommand, w.dir, ["history", "-limit", "x"])).code, 1);
  } finally {
    w.cleanup();
  }
});

test("state diff: default previous to latest, explicit serials, -json, unknown serial", async () => {
  const w = await three();
  try {
    const d = await run(stateCommand, w.dir, ["diff"]);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, /^Changes from version 2 to version 3:/);
    assert.match(d.stdout, /- terraform_data\.b\n/);
    assert.match(d.stdout, /\+ terraform_data\.c\n/);
    const j = JSON.parse((await run(stateCommand, w.dir, ["diff", "-json", "1", "2"])).stdout);
    assert.deepEqual(j.resources, [{ address: "terraform_data.a", action: "update", attributes: [{ path: "input", action: "change", before: "one", after: "two" }] }]);
    const bad = await run(stateCommand, w.dir, ["diff", "9", "3"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /No such state version/);
  } finally {
    w.cleanup();
  }
});

test("state audit: exit 0 clean, 2 with findings naming the version, 1 on error", async () => {
  const w = await three();
  try {
    const clean = await run(stateCommand, w.dir, ["audit"]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /Audited 3 version\(s\).*intact/);
    writeFileSync(w.statePath, readFileSync(w.statePath, "utf8").replace('"input": "two"', '"input": "hand-edit"'));
    const found = await run(stateCommand, w.dir, ["audit", "-json"]);
    assert.equal(found.code, 2);
    const j = JSON.parse(found.stdout);
    assert.deepEqual(j.findings.map((f: { kind: string; version: number }) => [f.kind, f.version]), [["state-edited", 3]]);
    const err = await run(stateCommand, w.dir, ["audit"], { env: { CAIRN_STATE_KEY_DERIVATION: "md5", CAIRN_STATE_PASSPHRASE: "x" } });
    assert.equal(err.code, 1);
  } finally {
    w.cleanup();
  }
});

test("state audit heals through a state command: a version written unrecorded is recorded as recovered by the next state rm, and stays in the audit's report of the past", async () => {
  const w = await three();
  try {
    // What a crash between writing the state and recording it leaves: a newer serial the history never saw.
    const text = readFileSync(w.statePath, "utf8");
    writeFileSync(w.statePath, text.replace(/"serial": 3/, '"serial": 4').replace('"input": "two"', '"input": "crashed"'));
    const before = await run(stateCommand, w.dir, ["audit", "-json"]);
    assert.equal(before.code, 2, before.stdout);
    assert.deepEqual(JSON.parse(before.stdout).findings.map((f: { kind: string; version: number }) => [f.kind, f.version]), [["state-edited", 3]]);
    const rm = await run(stateCommand, w.dir, ["rm", "terraform_data.c"]);
    assert.equal(rm.code, 0, rm.stderr);
    const after = await run(stateCommand, w.dir, ["audit", "-json"]);
    assert.equal(after.code, 0, after.stdout);
    const j = JSON.parse(after.stdout);
    assert.deepEqual(j.findings, []);
    assert.equal(j.recovered.length, 1);
    assert.match(j.recovered[0], /^Version 4: written without being recorded after version 3, and recorded as recovered by "state rm"/);
    const h = await run(stateCommand, w.dir, ["history", "-json"]);
    assert.deepEqual(JSON.parse(h.stdout).records.map((x: { serial: number }) => x.serial), [5, 4, 3, 2, 1]);
  } finally {
    w.cleanup();
  }
});

test("state rollback: asks for confirmation, writes a new version, keeps history; drift is recorded", async () => {
  const w = await three();
  try {
    const no = await run(stateCommand, w.dir, ["rollback", "-serial", "1"], { input: "no\n" });
    assert.equal(no.code, 1);
    assert.match(no.stderr, /Rollback cancelled/);
    const yes = await run(stateCommand, w.dir, ["rollback", "-serial=1"], { input: "yes\n" });
    assert.equal(yes.code, 0, yes.stderr);
    assert.match(yes.stdout, /Rolled back to version 1: the state is now version 4\./);
    const again = await run(stateCommand, w.dir, ["rollback", "-serial", "1", "-auto-approve"]);
    assert.match(again.stdout, /already equal version 1/);
    const missing = await run(stateCommand, w.dir, ["rollback"]);
    assert.equal(missing.code, 1);
    const drift = await run(driftCommand, w.dir, ["terraform_data.a"]);
    assert.equal(drift.code, 0, drift.stderr);
    const driftDeleted = await run(driftCommand, w.dir, ["-deleted", "terraform_data.b"]);
    assert.equal(driftDeleted.code, 0, driftDeleted.stderr);
    const unknown = await run(driftCommand, w.dir, ["terraform_data.nope"]);
    assert.equal(unknown.code, 1);
    const h = await run(stateCommand, w.dir, ["history"]);
    assert.match(h.stdout, /^4\s+\S+\s+carol@laptop\s+state rollback\s+1\s+1\s+1\s+rollback to 1/m);
    assert.match(h.stdout, /drift check of 4: 1 drifted \(terraform_data\.a\)/);
    assert.equal((await run(stateCommand, w.dir, ["audit"])).code, 0);
  } finally {
    w.cleanup();
  }
});

test("encrypted history through the commands: history readable without the key, audit and diff need it", async () => {
  const { newKeyring } = await import("../../state/encryption/index.js");
  const w = tempWorkdir();
  try {
    await threeVersions(w.statePath, { keyring: newKeyring({ primary: "right", cost: { iterations: 1000 } }) });
    // The env keyring uses the default work factor; the envelope carries the writer's parameters, so it opens.
    const right = { CAIRN_STATE_PASSPHRASE: "right" };
    assert.equal((await run(stateCommand, w.dir, ["history"])).code, 0);
    assert.equal((await run(stateCommand, w.dir, ["diff"], { env: right })).code, 0);
    const noKey = await run(stateCommand, w.dir, ["diff"]);
    assert.equal(noKey.code, 1);
    assert.match(noKey.stderr, /Missing encryption key/);
    const wrong = await run(stateCommand, w.dir, ["audit"], { env: { CAIRN_STATE_PASSPHRASE: "wrong" } });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Wrong encryption key/);
    assert.equal((await run(stateCommand, w.dir, ["audit"], { env: right })).code, 0);
  } finally {
    w.cleanup();
  }
});
