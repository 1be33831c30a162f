// Literals far larger than anyone writes by hand, as generated configurations and tfvars files have them
// (issue 17, point 6): a 200,000-element list and a 200,000-entry object, literal in a .tf file and in a
// .tfvars file, through the whole plan path (parse, references, evaluation, type conversion and
// unification, marks, rendering, the plan file and show -json). Terraform plans all of these; every step
// must be iterative or linear in the element count (no recursion or argument spread per element, no
// pairwise comparison). How long it takes is in docs/performance.md, not asserted here.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "bin/cairn");
const N = 200_000;

function cairn(cwd: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, env: { ...process.env, TF_IN_AUTOMATION: "1" } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function largeConfig(): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-large-"));
  const numbers = Array.from({ length: N }, (_, i) => String(i)).join(", ");
  const objectLines = Array.from({ length: N }, (_, i) => `    key${i} = ${i}\n`).join("");
  writeFileSync(
    join(d, "main.tf"),
    `variable "big_map" {
  type = map(string)
}

variable "big_list" {}

locals {
  list = [${numbers}]
  object = {
${objectLines}  }
}

resource "terraform_data" "list" {
  input = local.list
}

resource "terraform_data" "object" {
  input = local.object
}

resource "terraform_data" "vars" {
  input = { map = var.big_map, list = var.big_list }
}

output "sizes" {
  value = [length(local.list), length(local.object), length(var.big_map), length(var.big_list), local.list[${N - 1}], local.object.key${N - 1}]
}
`,
  );
  const mapLines = Array.from({ length: N }, (_, i) => `  "entry-${i}" = "value-${i}"\n`).join("");
  const listItems = Array.from({ length: N }, (_, i) => `"item-${i}"`).join(", ");
  writeFileSync(join(d, "terraform.tfvars"), `big_map = {\n${mapLines}}\n\nbig_list = [${listItems}]\n`);
  return d;
}

test("200,000-element lists and objects, in a .tf and a .tfvars, plan, save and show", () => {
  const d = largeConfig();
  const plan = cairn(d, ["plan", "-detailed-exitcode", "-no-color", "-out=big.plan"]);
  assert.doesNotMatch(plan.err, /RangeError|Maximum call stack/);
  assert.equal(plan.code, 2, plan.err.slice(0, 4000));
  assert.match(plan.out, /Plan: 3 to add, 0 to change, 0 to destroy\./);
  assert.match(plan.out, /\+ sizes = \[\s+\+ 200000,\s+\+ 200000,\s+\+ 200000,\s+\+ 200000,\s+\+ 199999,\s+\+ 199999,\s+\]/);
  // The rendered diff lists every element (Terraform's does too).
  assert.match(plan.out, /\+ key199999 += 199999\n/);
  assert.match(plan.out, /\+ "item-199999",\n/);

  const show = cairn(d, ["show", "-json", "big.plan"]);
  assert.equal(show.code, 0, show.err.slice(0, 4000));
  const doc = JSON.parse(show.out) as { planned_values: { outputs: { sizes: { value: unknown } } } };
  assert.deepEqual(doc.planned_values.outputs.sizes.value, [N, N, N, N, N - 1, N - 1]);
});
