// `cairn plan -concise` and `cairn graph -plan=FILE -format=...` through the real commands: one line per
// changing resource with its changed attributes and counts per type; the DOT graph filled by a saved plan's
// actions; svg through Graphviz (skipped when `dot` is absent); the install diagnostic when it is missing.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { applyCommand } from "../../cmd/commands/apply.js";
import { graphCommand } from "../../cmd/commands/graph.js";
import { planCommand } from "../../cmd/commands/plan.js";
import { runCommand } from "../cmd/state-harness.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "bin/cairn");

const config = (greeting: string) => `
resource "terraform_data" "a" { input = "${greeting}" }
resource "terraform_data" "b" {
  input            = "fixed"
  triggers_replace = terraform_data.a.input
}
resource "terraform_data" "c" { input = 1 }
`;

function workdir(text: string): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-concise-graph-"));
  writeFileSync(join(d, "main.tf"), text);
  return d;
}

test("plan -concise: one line per changing resource, counts per type, the Plan line", async () => {
  const d = workdir(config("hello"));
  assert.equal((await runCommand(applyCommand, d, ["-auto-approve", "-no-color"])).code, 0);
  writeFileSync(join(d, "main.tf"), config("hi").replace('resource "terraform_data" "c" { input = 1 }\n', "") + 'resource "terraform_data" "d" { input = 2 }\n');
  const r = await runCommand(planCommand, d, ["-concise", "-no-color"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout.slice(0, r.stdout.indexOf("\n─")),
    [
      "Cairn will perform the following actions:",
      "",
      "    ~ terraform_data.a  (input, output)",
      "  -/+ terraform_data.b  (id, output, triggers_replace!)  # cannot update in place",
      "    - terraform_data.c  # not in configuration",
      "    + terraform_data.d  (id, input, output)",
      "",
      "(! forces replacement)",
      "",
      "Changes by resource type:",
      "  terraform_data  2 to add, 1 to change, 2 to destroy",
      "",
      "Plan: 2 to add, 1 to change, 2 to destroy.",
      "",
    ].join("\n"),
  );
  assert.doesNotMatch(r.stdout, /# terraform_data\.a will be updated in-place/, "not the full diff");
  const none = await runCommand(planCommand, workdir('output "x" { value = 1 }\n'), ["-concise", "-no-color"]);
  assert.equal(none.code, 0, none.stderr);
});

test("graph -plan=FILE colours nodes by the saved plan's actions", async () => {
  const d = workdir(config("hello"));
  assert.equal((await runCommand(applyCommand, d, ["-auto-approve", "-no-color"])).code, 0);
  writeFileSync(join(d, "main.tf"), config("hi").replace('resource "terraform_data" "c" { input = 1 }\n', ""));
  assert.equal((await runCommand(planCommand, d, ["-out=tfplan", "-no-color"])).code, 0);
  const g = await runCommand(graphCommand, d, ["-plan=tfplan"]);
  assert.equal(g.code, 0, g.stderr);
  assert.match(g.stdout, /^digraph \{/);
  assert.match(g.stdout, /"terraform_data\.a" \[label = "terraform_data\.a", shape = "box", style = "filled", fillcolor = "#ffe8a3"\]/);
  assert.match(g.stdout, /"terraform_data\.b" \[label = "terraform_data\.b", shape = "box", style = "filled", fillcolor = "#f4b6c2"\]/);
  assert.match(g.stdout, /"terraform_data\.c" \[label = "terraform_data\.c", shape = "box", style = "filled", fillcolor = "#f08080"\]/);
  assert.match(g.stdout, /subgraph "cluster_legend" \{/);
  const plain = await runCommand(graphCommand, d, []);
  assert.equal(plain.code, 0, plain.stderr);
  assert.doesNotMatch(plain.stdout, /fillcolor/);
  const apply = await runCommand(graphCommand, d, ["-plan=tfplan", "-type=apply"]);
  assert.equal(apply.code, 0, apply.stderr);
  assert.match(apply.stdout, /fillcolor = "#f08080"/);
  const missing = await runCommand(graphCommand, d, ["-plan=nope", "-no-color"]);
  assert.equal(missing.code, 1);
  assert.match(missing.flat, /Failed to load ".*nope" as a plan file/);
  const bad = await runCommand(graphCommand, d, ["-format=gif", "-no-color"]);
  assert.equal(bad.code, 1);
  assert.match(bad.flat, /Error: Invalid graph format/);
});

const hasDot = spawnSync("dot", ["-V"]).error === undefined;

test("graph -format=svg renders through Graphviz", { skip: hasDot ? false : "Graphviz's dot is not installed on this machine" }, async () => {
  const d = workdir(config("hello"));
  const r = spawnSync(process.execPath, [bin, "graph", "-format=svg"], { cwd: d, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^<\?xml /);
  assert.match(r.stdout, /<svg[\s\S]*terraform_data\.b[\s\S]*<\/svg>\n?$/);
  const png = spawnSync(process.execPath, [bin, "graph", "-format=png"], { cwd: d });
  assert.equal(png.status, 0);
  assert.deepEqual([...png.stdout.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test("graph -format=png without Graphviz says how to install it, exit 1", () => {
  const d = workdir(config("hello"));
  const emptyPath = join(d, "empty-bin");
  mkdirSync(emptyPath);
  const r = spawnSync(process.execPath, [bin, "graph", "-format=png", "-no-color"], { cwd: d, encoding: "utf8", env: { PATH: emptyPath } });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, "");
  const flat = r.stderr.replace(/\n│ (?=\S)/g, " ");
  assert.match(flat, /Error: Graphviz is not installed/);
  assert.match(flat, /apt-get install graphviz/);
  assert.match(flat, /brew install graphviz/);
});
