// Sensitivity of provider-computed attributes derived from sensitive arguments (providers/interface.ts,
// sensitiveConfigPaths / sensitivePaths): terraform_data.output copies a sensitive input, so the same paths
// of it are sensitive once known (unknown at plan, as in Terraform), in state (sensitive_attributes) and in
// everything printed, and a root output that
// refers to it must say `sensitive = true`. Through bin/cairn in a temporary directory; every printed text
// is scanned for the secret (the state file holds it by design: encryption is off here).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "bin/cairn");
const SECRET = "hunter2";

function cairn(cwd: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "", NO_COLOR: "1" } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const config = (secret: string, extra = "") => `
variable "s" {
  default   = "${secret}"
  sensitive = true
}
variable "p" {
  default   = "${SECRET}"
  sensitive = true
}
resource "terraform_data" "x" {
  input = var.s
}
resource "terraform_data" "part" {
  input = { a = var.p, b = "plain" }
}
resource "terraform_data" "chained" {
  input = terraform_data.x.output
}
resource "terraform_data" "clear" {
  input            = "visible"
  triggers_replace = var.s
}
${extra}`;

type Sensitive = { type: string; value: unknown }[][];

function sensitiveAttrs(dir: string, name: string): string[] {
  const state = JSON.parse(readFileSync(join(dir, "cairn.tfstate"), "utf8")) as { resources: { name: string; instances: { sensitive_attributes: Sensitive }[] }[] };
  const r = state.resources.find((x) => x.name === name);
  assert.ok(r, `no ${name} in state`);
  return r.instances[0]!.sensitive_attributes.map((p) => p.map((s) => String(s.value)).join("."));
}

test("terraform_data.output derived from a sensitive input is sensitive in plan, state and every rendering", () => {
  const d = mkdtempSync(join(tmpdir(), "cairn-derived-sensitive-"));
  const printed: string[] = [];
  const run = (args: string[], okCodes = [0]) => {
    const r = cairn(d, args);
    assert.ok(okCodes.includes(r.code), `${args.join(" ")} exited ${r.code}: ${r.err}${r.out}`);
    printed.push(r.out, r.err);
    return r;
  };
  try {
    writeFileSync(join(d, "main.tf"), config(SECRET));
    const plan = run(["plan", "-no-color"]);
    assert.match(plan.out, /# terraform_data\.x will be created\n\s+\+ resource "terraform_data" "x" \{\n\s+\+ id\s+= \(known after apply\)\n\s+\+ input\s+= \(sensitive value\)\n\s+\+ output = \(known after apply\)/);
    assert.match(plan.out, /# terraform_data\.part will be created[\s\S]*?\+ a = \(sensitive value\)[\s\S]*?\+ b = "plain"[\s\S]*?\+ output = \(known after apply\)/);
    // A sensitive triggers_replace does not make the output sensitive: only `input` flows into it.
    assert.match(plan.out, /# terraform_data\.clear will be created[\s\S]*?\+ output\s+= \(known after apply\)/);

    const apply = run(["apply", "-auto-approve", "-no-color"]);
    assert.match(apply.out, /Apply complete! Resources: 4 added, 0 changed, 0 destroyed\./);
    assert.deepEqual(sensitiveAttrs(d, "x").sort(), ["input", "output"]);
    assert.deepEqual(sensitiveAttrs(d, "part").sort(), ["input.a", "output.a"]);
    assert.deepEqual(sensitiveAttrs(d, "chained").sort(), ["input", "output"]);
    assert.deepEqual(sensitiveAttrs(d, "clear").sort(), ["triggers_replace"]);
    assert.ok(readFileSync(join(d, "cairn.tfstate"), "utf8").includes(SECRET), "the state file holds the value (no encryption), so the scan is not vacuous");

    const shown = run(["state", "show", "terraform_data.x"]);
    assert.match(shown.out, /output = \(sensitive value\)/);
    assert.match(run(["state", "show", "terraform_data.part"]).out, /input  = \{\n\s+a = \(sensitive value\)\n\s+b = "plain"\n\s+\}\n\s+output = \{\n\s+a = \(sensitive value\)\n\s+b = "plain"/);
    const show = run(["show", "-no-color"]);
    assert.match(show.out, /resource "terraform_data" "chained" \{[\s\S]*?output = \(sensitive value\)/);
    assert.match(show.out, /output +\= "visible"/);

    // Nothing changed: the marks recorded in state match the planned ones, so no sensitivity-only update.
    const again = run(["plan", "-no-color", "-detailed-exitcode"]);
    assert.match(again.out, /No changes\./);

    // A new secret: the update shows both sides redacted, and the history diff too.
    writeFileSync(join(d, "main.tf"), config(`${SECRET}-rotated`));
    const upd = run(["plan", "-no-color"]);
    assert.match(upd.out, /# terraform_data\.x will be updated in-place[\s\S]*?~ input\s+= \(sensitive value\)[\s\S]*?~ output = \(sensitive value\)/);
    run(["apply", "-auto-approve", "-no-color"]);
    run(["state", "diff"], [0, 2]);
    run(["state", "history"], [0, 2]);
    writeFileSync(join(d, "main.tf"), config(SECRET));
    run(["apply", "-auto-approve", "-no-color"]);

    // A root output referring to it must be declared sensitive, as in Terraform.
    writeFileSync(join(d, "main.tf"), config(SECRET, `output "o" {\n  value = terraform_data.x.output\n}\n`));
    const bad = run(["plan", "-no-color"], [1]);
    assert.match(bad.err, /Error: Output refers to sensitive values/);
    assert.match(bad.err, /output "o"/);
    writeFileSync(join(d, "main.tf"), config(SECRET, `output "o" {\n  value     = terraform_data.x.output\n  sensitive = true\n}\n`));
    const ok = run(["apply", "-auto-approve", "-no-color"]);
    assert.match(ok.out, /o = <sensitive>/);
    printed.push(run(["output", "-no-color"], [0, 1]).out);

    for (const text of printed) assert.ok(!text.includes(SECRET), `printed output holds the secret:\n${text}`);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test("state recorded before the output was marked is updated to record the mark, printing no value", () => {
  const d = mkdtempSync(join(tmpdir(), "cairn-derived-sensitive-"));
  try {
    writeFileSync(join(d, "main.tf"), config(SECRET));
    assert.equal(cairn(d, ["apply", "-auto-approve", "-no-color"]).code, 0);
    // As an older Cairn wrote it: output unmarked.
    const path = join(d, "cairn.tfstate");
    const state = JSON.parse(readFileSync(path, "utf8")) as { serial: number; resources: { name: string; instances: { sensitive_attributes: Sensitive }[] }[] };
    const x = state.resources.find((r) => r.name === "x")!.instances[0]!;
    x.sensitive_attributes = x.sensitive_attributes.filter((p) => p[0]!.value !== "output");
    state.serial++;
    writeFileSync(path, JSON.stringify(state, null, 2));

    const plan = cairn(d, ["plan", "-no-color", "-detailed-exitcode"]);
    assert.equal(plan.code, 2, plan.err);
    assert.match(plan.out, /# terraform_data\.x will be updated in-place/);
    assert.match(plan.out, /# Warning: this attribute value will be marked as sensitive and will not\n\s+# display in UI output after applying this change\. The value is unchanged\.\n\s+~ output = \(sensitive value\)/);
    assert.match(plan.out, /Plan: 0 to add, 1 to change, 0 to destroy\./);
    assert.ok(!plan.out.includes(SECRET), plan.out);
    const apply = cairn(d, ["apply", "-auto-approve", "-no-color"]);
    assert.equal(apply.code, 0, apply.err);
    assert.ok(!apply.out.includes(SECRET), apply.out);
    assert.deepEqual(sensitiveAttrs(d, "x").sort(), ["input", "output"]);
    assert.match(cairn(d, ["plan", "-no-color"]).out, /No changes\./);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

// Known leak outside this change, left for the owner of state/: state/history/attribute-diff.ts matches
// sensitive paths against the stored JSON, where a dynamically typed attribute (terraform_data.input) is a
// {"type","value"} wrapper, so `.input.a` does not match `input.value.a` and `state diff` prints the member.
// cmd/views/state/state-values.ts works around the same mismatch for show/state show.
test("state diff redacts a sensitive member of a dynamic attribute", () => {
  const d = mkdtempSync(join(tmpdir(), "cairn-derived-sensitive-"));
  try {
    const cfg = (v: string) => `variable "p" {\n  default   = "${v}"\n  sensitive = true\n}\nresource "terraform_data" "part" {\n  input = { a = var.p, b = "plain" }\n}\n`;
    writeFileSync(join(d, "main.tf"), cfg(SECRET));
    assert.equal(cairn(d, ["apply", "-auto-approve", "-no-color"]).code, 0);
    writeFileSync(join(d, "main.tf"), cfg(`${SECRET}-rotated`));
    assert.equal(cairn(d, ["apply", "-auto-approve", "-no-color"]).code, 0);
    const diff = cairn(d, ["state", "diff"]);
    assert.ok(!diff.out.includes(SECRET), diff.out);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
