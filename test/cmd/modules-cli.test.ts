// `cairn plan/apply/destroy` through bin/cairn on a root calling a local child module: the plan names
// `module.web.terraform_data.x`, the state records `"module": "module.web"`, a second plan has no changes,
// a saved plan applies, destroy removes everything, and an error in the child points at the child's file.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "bin/cairn");

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-mod-cli-"));
  for (const [n, t] of Object.entries(files)) {
    mkdirSync(dirname(join(d, n)), { recursive: true });
    writeFileSync(join(d, n), t);
  }
  return d;
}

function cairn(cwd: string, args: string[], input = ""): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "" } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const config = {
  "main.tf": `
module "web" {
  source = "./web"
  name   = "hello"
}
resource "terraform_data" "b" { input = module.web.out }
output "b" { value = terraform_data.b.output }
`,
  "web/main.tf": `
variable "name" { type = string }
resource "terraform_data" "x" { input = "\${var.name}!" }
output "out" { value = terraform_data.x.output }
`,
};

test("cli: a local child module is planned, applied, re-planned without changes and destroyed", () => {
  const d = dir(config);
  const p = cairn(d, ["plan", "-detailed-exitcode", "-no-color", "-out=tfplan"]);
  assert.equal(p.code, 2, p.out + p.err);
  assert.match(p.out, /# module\.web\.terraform_data\.x will be created/);
  assert.match(p.out, /# terraform_data\.b will be created/);
  assert.match(p.out, /Plan: 2 to add, 0 to change, 0 to destroy\./);
  const a = cairn(d, ["apply", "-no-color", "tfplan"]);
  assert.equal(a.code, 0, a.out + a.err);
  assert.match(a.out, /module\.web\.terraform_data\.x: Creation complete/);
  assert.match(a.out, /Outputs:\n\nb = "hello!"/);
  const state = JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8")) as { resources: { module?: string; type: string; name: string; instances: { dependencies?: string[] }[] }[] };
  const x = state.resources.find((r) => r.name === "x")!;
  assert.equal(x.module, "module.web");
  const b = state.resources.find((r) => r.name === "b")!;
  assert.equal(b.module, undefined);
  assert.deepEqual(b.instances[0]!.dependencies, ["module.web.terraform_data.x"]);
  const p2 = cairn(d, ["plan", "-detailed-exitcode", "-no-color"]);
  assert.equal(p2.code, 0, p2.out + p2.err);
  assert.match(p2.out, /No changes\./);
  const des = cairn(d, ["destroy", "-auto-approve", "-no-color"]);
  assert.equal(des.code, 0, des.out + des.err);
  assert.match(des.out, /module\.web\.terraform_data\.x: Destroying/);
  assert.match(des.out, /Destroy complete! Resources: 2 destroyed\./);
  // b depends on the module's resource, so b goes first.
  assert.ok(des.out.indexOf("terraform_data.b: Destroying") < des.out.indexOf("module.web.terraform_data.x: Destroying"));
  const after = JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8")) as { resources: unknown[] };
  assert.deepEqual(after.resources, []);
});

test("cli: an error in a child module is shown in the child's file; a missing input names the call", () => {
  const bad = dir({ ...config, "web/main.tf": `variable "name" { type = string }\nresource "terraform_data" "x" { input = tonumber(var.name) }\noutput "out" { value = terraform_data.x.output }\n` });
  const p = cairn(bad, ["plan", "-no-color"]);
  assert.equal(p.code, 1);
  assert.match(p.err, /Error: Invalid function argument/);
  assert.match(p.err, /on web[/\\]main\.tf line 2/);
  const missing = dir({ ...config, "main.tf": `module "web" {\n  source = "./web"\n}\n` });
  const m = cairn(missing, ["plan", "-no-color"]);
  assert.equal(m.code, 1);
  assert.match(m.err, /Error: Missing required argument/);
  assert.match(m.err, /on main\.tf line 1/);
});
