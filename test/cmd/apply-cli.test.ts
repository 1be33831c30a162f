// End-to-end tests of `cairn plan/apply/destroy/graph` through bin/cairn: the init→plan→apply→plan→destroy
// cycle on terraform_data, the approval prompt, every bad input (exit 1, a located diagnostic, state file
// byte-for-byte unchanged), and two concurrent applies (the second fails at once naming the lock holder).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { holdLock } from "../state/lock-holder-spawn.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "bin/cairn");

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-cli-"));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(d, n), t);
  return d;
}

function cairn(cwd: string, args: string[], input = ""): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "" } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const chain = `
resource "terraform_data" "a" { input = "hello" }
resource "terraform_data" "b" { input = terraform_data.a.output }
output "b" { value = terraform_data.b.output }
`;

test("plan → apply → plan (no changes) → destroy on terraform_data", () => {
  const d = dir({ "main.tf": chain });
  const p = cairn(d, ["plan", "-detailed-exitcode", "-no-color"]);
  assert.equal(p.code, 2, p.err);
  assert.match(p.out, /Plan: 2 to add, 0 to change, 0 to destroy\./);
  assert.ok(!existsSync(join(d, "cairn.tfstate")), "plan writes no state");
  const a = cairn(d, ["apply", "-auto-approve", "-no-color"]);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /terraform_data\.a: Creating\.\.\./);
  assert.match(a.out, /terraform_data\.a: Creation complete after \d+s \[id=[0-9a-f-]+\]/);
  assert.match(a.out, /Apply complete! Resources: 2 added, 0 changed, 0 destroyed\./);
  assert.match(a.out, /Outputs:\n\nb = "hello"/);
  assert.equal(statSync(join(d, "cairn.tfstate")).mode & 0o777, 0o600);
  assert.ok(!existsSync(join(d, "cairn.tfstate.journal")), "journal removed after a clean apply");
  const state = JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8"));
  assert.equal(state.resources.length, 2);
  assert.deepEqual(state.resources[1].instances[0].dependencies, ["terraform_data.a"]);
  const p2 = cairn(d, ["plan", "-detailed-exitcode", "-no-color"]);
  assert.equal(p2.code, 0, p2.out + p2.err);
  assert.match(p2.out, /No changes\./);
  const no = cairn(d, ["apply", "-no-color"]);
  assert.equal(no.code, 0);
  assert.match(no.out, /No changes\./);
  const des = cairn(d, ["destroy", "-auto-approve", "-no-color"]);
  assert.equal(des.code, 0, des.err);
  assert.match(des.out, /Destroy complete! Resources: 2 destroyed\./);
  // b depends on a, so b is destroyed first.
  assert.ok(des.out.indexOf("terraform_data.b: Destroying") < des.out.indexOf("terraform_data.a: Destroying"));
  assert.equal(JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8")).resources.length, 0);
  assert.ok(existsSync(join(d, "cairn.tfstate.backup")));
});

test("apply asks for approval; anything but yes cancels with exit 1 and no state", () => {
  const d = dir({ "main.tf": chain });
  const r = cairn(d, ["apply", "-no-color"], "no\n");
  assert.equal(r.code, 1);
  assert.match(r.out, /Do you want to perform these actions\?\n  Cairn will perform the actions described above\.\n  Only 'yes' will be accepted to approve\.\n\n  Enter a value: /);
  assert.match(r.err, /Apply cancelled\./);
  const state = existsSync(join(d, "cairn.tfstate")) ? JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8")) : { resources: [] };
  assert.equal(state.resources.length, 0);
  const y = cairn(d, ["apply", "-no-color"], "yes\n");
  assert.equal(y.code, 0, y.err);
  assert.match(y.out, /Apply complete! Resources: 2 added/);
});

const badInputs: { name: string; files: Record<string, string>; args?: string[]; message: RegExp }[] = [
  {
    name: "cycle",
    files: { "main.tf": 'resource "terraform_data" "a" { input = terraform_data.b.output }\nresource "terraform_data" "b" { input = terraform_data.a.output }\n' },
    message: /Error: Cycle[\s\S]*terraform_data\.a \(main\.tf:1,[\s\S]*terraform_data\.b \(main\.tf:2,/,
  },
  { name: "undeclared reference", files: { "main.tf": 'resource "terraform_data" "a" { input = var.nope }\n' }, message: /Reference to undeclared input variable[\s\S]*main\.tf line 1/ },
  { name: "wrong variable type", files: { "main.tf": 'variable "n" { type = number }\nresource "terraform_data" "a" { input = var.n }\n' }, args: ["-var", "n=[1]"], message: /Invalid value for input variable[\s\S]*number[\s\S]*required/ },
  {
    name: "failed validation",
    files: { "main.tf": 'variable "n" {\n  type = number\n  validation {\n    condition     = var.n > 10\n    error_message = "Too small."\n  }\n}\nresource "terraform_data" "a" { input = var.n }\n' },
    args: ["-var", "n=3"],
    message: /Invalid value for variable[\s\S]*Too small\./,
  },
  {
    name: "unknown count",
    files: { "main.tf": 'resource "terraform_data" "a" { input = 1 }\nresource "terraform_data" "b" {\n  count = length(terraform_data.a.id)\n  input = 1\n}\n' },
    message: /Invalid count argument[\s\S]*main\.tf line 3[\s\S]*-target/,
  },
  {
    name: "unknown for_each",
    files: { "main.tf": 'resource "terraform_data" "a" { input = 1 }\nresource "terraform_data" "b" {\n  for_each = toset([terraform_data.a.id])\n  input = 1\n}\n' },
    message: /Invalid for_each argument[\s\S]*main\.tf line 3[\s\S]*-target planning option/,
  },
  { name: "precondition", files: { "main.tf": 'locals {\n  n = 1\n}\nresource "terraform_data" "a" {\n  input = 1\n  lifecycle {\n    precondition {\n      condition     = local.n > 2\n      error_message = "Never."\n    }\n  }\n}\n' }, message: /Resource precondition failed[\s\S]*Never\./ },
];

for (const c of badInputs) {
  for (const cmd of ["plan", "apply"]) {
    test(`bad input (${cmd}): ${c.name} → exit 1, located diagnostic, state unchanged`, () => {
      const d = dir({ "main.tf": 'resource "terraform_data" "keep" { input = "k" }\n' });
      assert.equal(cairn(d, ["apply", "-auto-approve", "-no-color"]).code, 0);
      const before = readFileSync(join(d, "cairn.tfstate"));
      for (const [n, t] of Object.entries(c.files)) writeFileSync(join(d, n), t + 'resource "terraform_data" "keep" { input = "k" }\n');
      const r = cairn(d, [cmd, ...(cmd === "apply" ? ["-auto-approve"] : []), "-no-color", ...(c.args ?? [])]);
      assert.equal(r.code, 1, r.out);
      assert.match(r.err, c.message);
      assert.deepEqual(readFileSync(join(d, "cairn.tfstate")), before, "state byte-for-byte unchanged");
      assert.ok(!existsSync(join(d, ".cairn.tfstate.lock.info")), "lock released");
    });
  }
}

test("bad input: corrupt state → exit 1, the file is never overwritten", () => {
  const d = dir({ "main.tf": chain, "cairn.tfstate": '{"version": 4, "serial": ' });
  for (const cmd of [["plan"], ["apply", "-auto-approve"]]) {
    const r = cairn(d, [...cmd, "-no-color"]);
    assert.equal(r.code, 1);
    assert.match(r.err, /Failed to load state/);
    assert.equal(readFileSync(join(d, "cairn.tfstate"), "utf8"), '{"version": 4, "serial": ');
  }
});

test("bad input: locked state → exit 1 at once with the holder's info; once the holder is killed, no force-unlock is needed", async () => {
  const d = dir({ "main.tf": chain });
  const holder = await holdLock(d);
  const r = cairn(d, ["apply", "-auto-approve", "-no-color"]);
  assert.equal(r.code, 1);
  assert.match(r.err, new RegExp(`Error acquiring the state lock[\\s\\S]*ID:\\s+${holder.id}[\\s\\S]*Pid:\\s+${holder.child.pid}`));
  assert.ok(!existsSync(join(d, "cairn.tfstate")));
  const ok = cairn(d, ["plan", "-lock=false", "-no-color"]);
  assert.equal(ok.code, 0, ok.err);
  await holder.kill9();
  const after = cairn(d, ["apply", "-auto-approve", "-no-color"]);
  assert.equal(after.code, 0, after.err);
  assert.ok(!existsSync(join(d, ".cairn.tfstate.lock.info")), "lock released");
});

test("two concurrent applies: the second fails at once with the first's lock info", async () => {
  const d = dir({ "main.tf": chain });
  const first = spawn(process.execPath, [bin, "apply", "-no-color"], { cwd: d, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  first.stdout.on("data", (b: Buffer) => (out += b.toString()));
  const deadline = Date.now() + 20_000;
  while (!out.includes("Enter a value:") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(out.includes("Enter a value:"), "first apply is waiting for approval while holding the lock");
  // Without -lock-timeout the second apply fails while the first still waits for approval with the lock.
  const second = cairn(d, ["apply", "-auto-approve", "-no-color"]);
  assert.equal(second.code, 1);
  assert.match(second.err, /Error acquiring the state lock/);
  assert.match(second.err, new RegExp(`Pid:\\s+${first.pid}`));
  assert.match(second.err, /Operation: OperationTypeApply/);
  first.stdin.end("yes\n");
  const code = await new Promise<number>((r) => first.on("exit", (c) => r(c ?? -1)));
  assert.equal(code, 0);
  assert.match(out, /Apply complete! Resources: 2 added/);
});

test("graph prints DOT with an edge from dependent to dependency", () => {
  const d = dir({ "main.tf": chain });
  const r = cairn(d, ["graph"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^digraph \{/);
  assert.match(r.out, /"terraform_data\.b" -> "terraform_data\.a"/);
  assert.match(r.out, /"output\.b" -> "terraform_data\.b"/);
  const a = cairn(d, ["graph", "-type=apply"]);
  assert.equal(a.code, 0, a.err);
});
