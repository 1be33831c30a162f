import { test } from "node:test";
import assert from "node:assert/strict";
import { validateCommand } from "../../cmd/commands/validate.js";
import { fixtures, golden, runCommand } from "./state-harness.js";

const run = (dir: string, ...args: string[]) => runCommand(validateCommand, fixtures + dir, args);

test("validate prints Success! for a valid configuration", async () => {
  const r = await run("validate-ok");
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "Success! The configuration is valid.\n\n", ""]);
});

test("validate reports static and provider-schema errors with snippets (golden), exit 1", async () => {
  const r = await run("validate-errors");
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, golden("validate-errors.txt"));
  assert.match(r.stderr, /Error: Reference to undeclared input variable/);
  assert.match(r.stderr, /Error: Unsupported argument/);
  assert.match(r.stderr, /Error: Invalid resource type/);
});

test("validate -json prints Terraform's validate JSON (golden)", async () => {
  const r = await run("validate-errors", "-json");
  assert.equal(r.code, 1);
  assert.equal(r.stdout, golden("validate-errors.json"));
  const doc = JSON.parse(r.stdout);
  assert.deepEqual([doc.format_version, doc.valid, doc.error_count, doc.warning_count], ["1.0", false, 3, 0]);
  const d = doc.diagnostics[1];
  assert.deepEqual(Object.keys(d), ["severity", "summary", "detail", "range", "snippet"]);
  assert.deepEqual(d.snippet, {
    context: 'resource "terraform_data" "web"',
    code: '  colour  = "blue"',
    start_line: 3,
    highlight_start_offset: 2,
    highlight_end_offset: 8,
    values: [],
  });
  const ok = await run("validate-ok", "-json");
  assert.equal(ok.code, 0);
  assert.equal(ok.stdout, '{\n  "format_version": "1.0",\n  "valid": true,\n  "error_count": 0,\n  "warning_count": 0,\n  "diagnostics": []\n}\n');
});

test("validate rejects unknown flags with Terraform's flag error", async () => {
  const r = await run("validate-ok", "-nope");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Failed to parse command-line flags/);
  assert.match(r.stderr, /flag provided but not defined: -nope/);
});

test("validate checks child modules: their own errors at the child's file:line:col, call arguments, schemas, modules not installed (golden)", async () => {
  const r = await run("validate-modules-errors");
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, golden("validate-modules-errors.txt"));
  // modules/web is called twice: each problem inside it is reported once.
  assert.equal(r.stderr.match(/on modules\/web\/main\.tf line 6/g)?.length, 1);
  assert.equal(r.stderr.match(/Invalid resource type/g)?.length, 1);
  const j = await run("validate-modules-errors", "-json");
  assert.equal(j.code, 1);
  assert.equal(j.stdout, golden("validate-modules-errors.json"));
  const located = JSON.parse(j.stdout).diagnostics.map((d: { summary: string; range: { filename: string; start: { line: number; column: number } } }) => `${d.range.filename}:${d.range.start.line}:${d.range.start.column} ${d.summary}`);
  assert.deepEqual(located, [
    "main.tf:21:12 Module not installed",
    "modules/web/main.tf:6:11 Reference to undeclared input variable",
    "modules/web/inner/main.tf:2:11 Reference to undeclared local value",
    "main.tf:4:3 Unsupported argument",
    "main.tf:16:22 Missing required argument",
    "main.tf:13:11 Unsupported attribute",
    "modules/web/main.tf:7:3 Unsupported argument",
    "modules/web/main.tf:10:10 Invalid resource type",
  ]);
});

test("validate passes a configuration whose child modules are valid", async () => {
  const r = await run("validate-modules-ok");
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "Success! The configuration is valid.\n\n", ""]);
});
