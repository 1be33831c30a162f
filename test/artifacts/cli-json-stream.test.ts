// `-json` on plan, apply, destroy and refresh through the real commands: every line is one JSON object with
// @level, @message, @module, @timestamp and type, and the message types come in Terraform's order. apply
// and destroy refuse -json without -auto-approve or a saved plan ("Plan file or auto-approve required").

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyCommand } from "../../cmd/commands/apply.js";
import { destroyCommand } from "../../cmd/commands/destroy.js";
import { planCommand } from "../../cmd/commands/plan.js";
import { refreshCommand } from "../../cmd/commands/refresh.js";
import type { Command } from "../../cmd/registry.js";
import { runCommand } from "../cmd/state-harness.js";

const config = `
resource "terraform_data" "a" { input = "hello" }
resource "terraform_data" "b" { input = terraform_data.a.output }
output "b" { value = terraform_data.b.output }
`;

function workdir(text = config): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-json-ui-"));
  writeFileSync(join(d, "main.tf"), text);
  return d;
}

interface Msg {
  "@level": string;
  "@message": string;
  "@module": string;
  "@timestamp": string;
  type: string;
  [k: string]: unknown;
}

/** Every stdout line parsed; each must be a complete JSON object with the common fields. */
function lines(stdout: string): Msg[] {
  assert.ok(stdout.endsWith("\n"), "the stream ends with a newline");
  return stdout
    .slice(0, -1)
    .split("\n")
    .map((l) => {
      const m = JSON.parse(l) as Msg;
      for (const k of ["@level", "@message", "@module", "@timestamp", "type"]) assert.equal(typeof m[k], "string", `${k} in ${l}`);
      assert.equal(m["@module"], "terraform.ui");
      assert.match(m["@timestamp"], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      return m;
    });
}

async function json(cmd: Command, d: string, args: string[]) {
  const r = await runCommand(cmd, d, ["-json", ...args]);
  return { ...r, msgs: lines(r.stdout) };
}

test("plan -json: version, planned changes, change summary, outputs", async () => {
  const d = workdir();
  const r = await json(planCommand, d, []);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.deepEqual(r.msgs.map((m) => m.type), ["version", "planned_change", "planned_change", "change_summary", "outputs"]);
  assert.equal(r.msgs[0]!.ui, "1.2");
  assert.deepEqual(r.msgs.slice(1, 3).map((m) => m["@message"]), ["terraform_data.a: Plan to create", "terraform_data.b: Plan to create"]);
  assert.deepEqual(r.msgs[3]!.changes, { add: 2, change: 0, import: 0, remove: 0, operation: "plan" });
  assert.equal(r.msgs[3]!["@message"], "Plan: 2 to add, 0 to change, 0 to destroy.");
  assert.deepEqual(r.msgs[4]!.outputs, { b: { sensitive: false, action: "create" } });
});

test("plan -json with an error: version, then the diagnostic, exit 1", async () => {
  const d = workdir('resource "terraform_data" "a" { input = var.nope }\n');
  const r = await json(planCommand, d, []);
  assert.equal(r.code, 1);
  assert.deepEqual(r.msgs.map((m) => m.type), ["version", "diagnostic"]);
  assert.equal(r.msgs[1]!["@level"], "error");
  assert.equal((r.msgs[1]!.diagnostic as { summary: string }).summary, "Reference to undeclared input variable");
  assert.equal((r.msgs[1]!.diagnostic as { range: { filename: string } }).range.filename, "main.tf");
});

test("apply -json needs -auto-approve or a saved plan", async () => {
  const d = workdir();
  for (const cmd of [applyCommand, destroyCommand]) {
    const r = await json(cmd, d, []);
    assert.equal(r.code, 1);
    assert.deepEqual(r.msgs.map((m) => m.type), ["version", "diagnostic"]);
    assert.equal(r.msgs[1]!["@message"], "Error: Plan file or auto-approve required");
    assert.match((r.msgs[1]!.diagnostic as { detail: string }).detail, /cannot ask for interactive approval when -json is set/);
  }
});

test("apply -json -auto-approve, destroy -json -auto-approve: the apply hooks in order", async () => {
  const d = workdir();
  const a = await json(applyCommand, d, ["-auto-approve"]);
  assert.equal(a.code, 0, a.stderr);
  const types = a.msgs.map((m) => m.type);
  assert.deepEqual(types, [
    "version",
    "planned_change",
    "planned_change",
    "change_summary",
    "outputs",
    "apply_start",
    "apply_complete",
    "apply_start",
    "apply_complete",
    "change_summary",
    "outputs",
  ]);
  assert.equal(a.msgs[5]!["@message"], "terraform_data.a: Creating...");
  assert.match(a.msgs[6]!["@message"], /^terraform_data\.a: Creation complete after \d+s \[id=[0-9a-f-]+\]$/);
  assert.deepEqual((a.msgs[6]!.hook as { action: string }).action, "create");
  assert.equal(a.msgs[9]!["@message"], "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
  assert.deepEqual(a.msgs[9]!.changes, { add: 2, change: 0, import: 0, remove: 0, operation: "apply" });
  assert.deepEqual(a.msgs[10]!.outputs, { b: { sensitive: false, type: "string", value: "hello" } });

  const destroyed = await json(destroyCommand, d, ["-auto-approve"]);
  assert.equal(destroyed.code, 0, destroyed.stderr);
  // Destroy refreshes first, as Terraform does: two objects, a start and a completion each, after "version".
  assert.deepEqual(destroyed.msgs.slice(1, 5).map((m) => m.type).sort(), ["refresh_complete", "refresh_complete", "refresh_start", "refresh_start"]);
  const des = { msgs: destroyed.msgs.filter((m) => !m.type.startsWith("refresh_")) };
  assert.deepEqual(des.msgs.map((m) => m.type), ["version", "planned_change", "planned_change", "change_summary", "outputs", "apply_start", "apply_complete", "apply_start", "apply_complete", "change_summary"]);
  // b depends on a, so b goes first.
  assert.equal(des.msgs[5]!["@message"], "terraform_data.b: Destroying... [id=" + (des.msgs[5]!.hook as { id_value: string }).id_value + "]");
  assert.equal(des.msgs[9]!["@message"], "Destroy complete! Resources: 2 destroyed.");
  assert.equal((des.msgs[9]!.changes as { operation: string }).operation, "destroy");
});

test("apply -json FILE: no plan shown again, no approval, the apply hooks", async () => {
  const d = workdir();
  const p = await runCommand(planCommand, d, ["-out=tfplan", "-json"]);
  assert.equal(p.code, 0, p.stderr);
  assert.ok(!p.stdout.includes("Saved the plan"), "no text in the JSON stream");
  lines(p.stdout);
  const a = await json(applyCommand, d, ["tfplan"]);
  assert.equal(a.code, 0, a.stderr);
  assert.deepEqual(a.msgs.map((m) => m.type), ["version", "apply_start", "apply_complete", "apply_start", "apply_complete", "change_summary", "outputs"]);
  const stale = await json(applyCommand, d, ["tfplan"]);
  assert.equal(stale.code, 1);
  assert.deepEqual(stale.msgs.map((m) => m.type), ["version", "diagnostic"]);
  assert.equal(stale.msgs[1]!["@message"], "Error: Saved plan is stale");
});

test("refresh -json: Terraform's alias of apply -refresh-only -auto-approve", async () => {
  const d = workdir();
  assert.equal((await runCommand(applyCommand, d, ["-auto-approve"])).code, 0);
  const r = await json(refreshCommand, d, []);
  assert.equal(r.code, 0, r.stderr);
  // Each object is read back from its provider: refresh_start and refresh_complete per instance. As
  // Terraform 1.11's `refresh -json`, no change summary follows, only the outputs.
  const types = r.msgs.map((m) => m.type);
  assert.equal(types[0], "version");
  assert.deepEqual(types.filter((t) => !t.startsWith("refresh_")), ["version", "outputs"]);
  const refresh = r.msgs.filter((m) => m.type.startsWith("refresh_"));
  assert.equal(refresh.length, 4, JSON.stringify(types));
  for (const addr of ["terraform_data.a", "terraform_data.b"]) {
    const mine = refresh.filter((m) => (m.hook as { resource: { addr: string } }).resource.addr === addr).map((m) => m.type);
    assert.deepEqual(mine, ["refresh_start", "refresh_complete"]);
  }
  assert.match(refresh[0]!["@message"], /^terraform_data\.[ab]: Refreshing state\.\.\. \[id=[0-9a-f-]{36}\]$/);
  assert.equal(r.msgs.at(-1)!["@message"], "Outputs: 1");
});

test("plan -json after an apply: refresh messages for every object, then no changes", async () => {
  const d = workdir();
  assert.equal((await runCommand(applyCommand, d, ["-auto-approve"])).code, 0);
  const r = await json(planCommand, d, []);
  assert.equal(r.code, 0, r.stderr);
  const types = r.msgs.map((m) => m.type);
  assert.deepEqual(types.filter((t) => t.startsWith("refresh_")).sort(), ["refresh_complete", "refresh_complete", "refresh_start", "refresh_start"]);
  assert.equal(types.indexOf("refresh_start") < types.indexOf("change_summary"), true);
  // As Terraform 1.11: an unchanged output is listed with its action only.
  assert.deepEqual(r.msgs.find((m) => m.type === "outputs")?.outputs, { b: { sensitive: false, action: "noop" } });
  const noRefresh = await json(planCommand, d, ["-refresh=false"]);
  assert.equal(noRefresh.msgs.some((m) => m.type.startsWith("refresh_")), false);
});
