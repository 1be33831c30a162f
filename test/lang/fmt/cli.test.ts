// `cairn fmt` end to end through fmtCommand.run with collected output streams and temporary directories.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { test } from "node:test";
import { fmtCommand } from "../../../cmd/commands/fmt.js";
import type { CommandContext } from "../../../cmd/registry.js";

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function runFmt(args: string[], cwd: string, stdin = ""): Promise<Outcome> {
  const collect = () => {
    const s = new PassThrough();
    let text = "";
    s.on("data", (c: Buffer) => (text += c.toString("utf8")));
    return { s, get: () => text };
  };
  const out = collect();
  const err = collect();
  const ctx: CommandContext = { cwd, stdin: Readable.from([Buffer.from(stdin)]), stdout: out.s, stderr: err.s, env: {} };
  const code = await fmtCommand.run(args, ctx);
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.get(), stderr: err.get() };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cairn-fmt-"));
  for (const [name, content] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

const UNFORMATTED = "a=1\nbb = 2\n";
const FORMATTED = "a  = 1\nbb = 2\n";

test("fmt rewrites changed files and lists them; formatted files are left alone", async () => {
  const dir = workspace({ "main.tf": UNFORMATTED, "ok.tf": FORMATTED, "vars.tfvars": "x=1\n", "data.tf.json": "{ }", ".hidden.tf": "a=1\n" });
  const r = await runFmt([], dir);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "main.tf\nvars.tfvars\n");
  assert.equal(readFileSync(join(dir, "main.tf"), "utf8"), FORMATTED);
  assert.equal(readFileSync(join(dir, "vars.tfvars"), "utf8"), "x = 1\n");
  assert.equal(readFileSync(join(dir, ".hidden.tf"), "utf8"), "a=1\n");
  assert.equal(readFileSync(join(dir, "data.tf.json"), "utf8"), "{ }");
});

test("-check exits 3 and writes nothing when a file would change; 0 when all are formatted", async () => {
  const dir = workspace({ "main.tf": UNFORMATTED });
  const r = await runFmt(["-check"], dir);
  assert.equal(r.code, 3);
  assert.equal(r.stdout, "main.tf\n");
  assert.equal(readFileSync(join(dir, "main.tf"), "utf8"), UNFORMATTED);
  const quiet = await runFmt(["-check", "-list=false"], dir);
  assert.deepEqual([quiet.code, quiet.stdout], [3, ""]);
  const clean = await runFmt(["-check"], workspace({ "main.tf": FORMATTED }));
  assert.deepEqual([clean.code, clean.stdout], [0, ""]);
});

test("-diff prints a unified diff like diff -u with old/ and new/ labels", async () => {
  const dir = workspace({ "main.tf": UNFORMATTED });
  const r = await runFmt(["-diff", "-write=false", "-list=false"], dir);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "--- old/main.tf\n+++ new/main.tf\n@@ -1,2 +1,2 @@\n-a=1\n+a  = 1\n bb = 2\n");
  assert.equal(readFileSync(join(dir, "main.tf"), "utf8"), UNFORMATTED);
});

test("-recursive descends into subdirectories; without it only the target directory is formatted", async () => {
  const dir = workspace({ "main.tf": FORMATTED, "modules/net/net.tf": UNFORMATTED, "tests/a.tftest.hcl": "run \"x\" {\ncommand=plan\n}\n" });
  const flat = await runFmt(["-check"], dir);
  assert.deepEqual([flat.code, flat.stdout], [0, ""]);
  const deep = await runFmt(["-recursive"], dir);
  assert.equal(deep.code, 0);
  assert.equal(deep.stdout, "modules/net/net.tf\ntests/a.tftest.hcl\n");
  assert.equal(readFileSync(join(dir, "tests/a.tftest.hcl"), "utf8"), 'run "x" {\n  command = plan\n}\n');
});

test("- formats standard input to standard output and never lists or writes", async () => {
  const dir = workspace({});
  const r = await runFmt(["-"], dir, 'x = "${var.y}"\n');
  assert.deepEqual(r, { code: 0, stdout: "x = var.y\n", stderr: "" });
  const check = await runFmt(["-check", "-"], dir, UNFORMATTED);
  assert.deepEqual([check.code, check.stdout], [3, ""]);
});

// Outputs as terraform fmt (v1.11) printed them for the same inputs.
test("- always ends its output with a newline; blanks before the end of the file stay as hclwrite leaves them", async () => {
  const dir = workspace({});
  const cases: [string, string][] = [
    ["a = 1", "a = 1\n"],
    ["", "\n"],
    ["# c", "# c\n"],
    ["a  =  1   ", "a = 1   \n"],
    ["a = 1\t\t", "a = 1  \n"],
    ["a = 1   \n", "a = 1\n"],
    ["a = 1\n\n  ", "a = 1\n\n  \n"],
    ["x {\n}\n\n\n\n", "x {\n}\n\n\n\n"],
  ];
  for (const [input, want] of cases) {
    const r = await runFmt(["-"], dir, input);
    assert.deepEqual([r.code, r.stdout], [0, want], JSON.stringify(input));
  }
  // a file keeps its end as it is: no newline is added
  const file = workspace({ "x.tf": "a  =  1   " });
  await runFmt([], file);
  assert.equal(readFileSync(join(file, "x.tf"), "utf8"), "a = 1   ");
});

test("syntax errors are diagnostics with exit 2, and the file is not touched", async () => {
  const dir = workspace({ "bad.tf": "a = \n", "good.tf": UNFORMATTED });
  const r = await runFmt([], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Error: /);
  assert.match(r.stderr, /on bad\.tf line 1/);
  assert.equal(readFileSync(join(dir, "bad.tf"), "utf8"), "a = \n");
  assert.equal(r.stdout, "good.tf\n");
});

test("explicit file targets, unsupported files, missing paths and bad flags", async () => {
  const dir = workspace({ "one.tf": UNFORMATTED, "x.json": "{}" });
  const one = await runFmt(["-write=false", "one.tf"], dir);
  assert.deepEqual([one.code, one.stdout], [0, "one.tf\n"]);
  const unsupported = await runFmt(["x.json"], dir);
  assert.equal(unsupported.code, 2);
  assert.match(unsupported.stderr, /Only \.tf, \.tfvars, and \.tftest\.hcl files can be processed/);
  const missing = await runFmt(["nope"], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /No file or directory at nope/);
  const bad = await runFmt(["-bogus"], dir);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /flag provided but not defined: -bogus/);
});
