import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { openHistory, sanitizeArgs, recordDriftCheck, auditHistory } from "../../../state/history/index.js";
import { applyAndRecord, stateOf, tempWorkdir, threeVersions } from "./fixture.js";

test("three recorded versions: serials, actor, command without values, per-resource changes", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    const v = history.versions();
    assert.deepEqual(v.map((r) => r.serial), [1, 2, 3]);
    assert.ok(v.every((r) => r.actor === "alice@ci" && r.command.name === "apply" && r.lineage === v[0]!.lineage));
    assert.deepEqual(v[0]!.command.args, ["-auto-approve", "-var"]);
    assert.deepEqual(v[1]!.command.args, ["-var"]);
    assert.deepEqual(v[0]!.changes, [
      { address: "terraform_data.a", action: "create" },
      { address: "terraform_data.b", action: "create" },
    ]);
    assert.deepEqual(v[1]!.changes, [{ address: "terraform_data.a", action: "update" }]);
    assert.deepEqual(v[2]!.changes, [
      { address: "terraform_data.b", action: "delete" },
      { address: "terraform_data.c", action: "create" },
    ]);
    assert.deepEqual(v[2]!.outputs_changed, ["url"]);
    assert.equal(v[1]!.prev, v[0]!.hash);
    assert.ok(!readFileSync(history.paths.records, "utf8").includes("hunter2"));
    const at2 = history.snapshotAt(2);
    assert.deepEqual(at2.diags, []);
    assert.equal(at2.state!.resources.find((r) => r.name === "a")!.instances[0]!.attributes.input, "two");
    assert.equal(at2.state!.resources.length, 2);
    assert.deepEqual(auditHistory(history).findings, []);
  } finally {
    cleanup();
  }
});

test("an unchanged state records nothing; recovered applies are partial; plan digest and rollback_of are kept", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const s = stateOf([{ name: "a", attrs: { id: "a" } }]);
    const first = await applyAndRecord(statePath, s, { command: "apply" });
    assert.equal(first.recorded, true);
    const again = await applyAndRecord(statePath, s, { command: "apply" });
    assert.equal(again.recorded, false);
    const partial = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a2" } }]), { command: "apply", partial: true, planDigest: "ab".repeat(32) });
    assert.equal(partial.record!.partial, true);
    assert.equal(partial.record!.plan_digest, "ab".repeat(32));
    assert.equal(openHistory(statePath).history.versions().length, 2);
  } finally {
    cleanup();
  }
});

test("storage grows with the change: one changed resource writes one instance, one bucket, one root", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const many = Array.from({ length: 300 }, (_, i) => ({ name: `r${i}`, attrs: { id: `r${i}`, input: "v0" } }));
    const { history } = await applyAndRecord(statePath, stateOf(many), { command: "apply" });
    many[7] = { name: "r7", attrs: { id: "r7", input: "v1" } };
    const r = await applyAndRecord(statePath, stateOf(many), { command: "apply" });
    assert.equal(r.record!.changes.length, 1);
    const buckets = Object.keys(history.handle(history.versions()[0]!).handle!.root.buckets).length;
    // Version 1: 300 instances, its buckets, outputs, root. Version 2: 1 instance, 1 bucket, 1 root.
    assert.equal(history.plainStore.listAll().length, 300 + buckets + 2 + 3);
  } finally {
    cleanup();
  }
});

test("files are 0600 and directories 0700", async () => {
  const { dir, statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    const walk = (d: string): void => {
      assert.equal(statSync(d).mode & 0o777, 0o700, d);
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else assert.equal(statSync(p).mode & 0o777, 0o600, p);
      }
    };
    walk(join(dir, ".cairn"));
  } finally {
    cleanup();
  }
});

test("sanitizeArgs keeps flag names and positionals, never values", () => {
  assert.deepEqual(sanitizeArgs(["-var", "a=1", "-var-file=secret.tfvars", "-var-file", "x.tfvars", "-auto-approve", "-target=aws_x.y", "-lock=false", "plan.out"]), [
    "-var",
    "-var-file",
    "-var-file",
    "-auto-approve",
    "-target",
    "-lock",
    "plan.out",
  ]);
  assert.deepEqual(sanitizeArgs(["--", "password=hunter2", "aws_x.y"]), ["password=(redacted)", "aws_x.y"]);
});

test("a drift check is an event, not a version, and the chain stays valid", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const { persisted, history } = await threeVersions(statePath);
    const rec = recordDriftCheck(history, persisted, [{ address: "terraform_data.c", action: "update" }], { command: "drift", env: { CAIRN_ACTOR: "bob@x" } });
    assert.equal(rec.event, "drift");
    assert.equal(rec.serial, 3);
    assert.equal(history.versions().length, 3);
    assert.equal(history.list().length, 4);
    assert.deepEqual(auditHistory(history).findings, []);
  } finally {
    cleanup();
  }
});

test("the configuration digest covers *.tf files only, never *.tfvars", async () => {
  const { dir, statePath, cleanup } = tempWorkdir();
  try {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "main.tf"), 'resource "terraform_data" "a" {}\n');
    writeFileSync(join(dir, "secret.tfvars"), 'token = "one"\n');
    const a = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "1" } }]), { command: "apply", configDir: dir });
    writeFileSync(join(dir, "secret.tfvars"), 'token = "two"\n');
    const b = await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "2" } }]), { command: "apply", configDir: dir });
    assert.match(a.record!.config!.digest, /^[0-9a-f]{64}$/);
    assert.equal(a.record!.config!.digest, b.record!.config!.digest);
  } finally {
    cleanup();
  }
});
