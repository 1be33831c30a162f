// `cairn plan -out=FILE`, `cairn show FILE`, `cairn show -json FILE` and `cairn apply FILE` through the real
// commands in temporary directories: the saved plan's next-step text, show rendering exactly what plan
// rendered, the JSON plan validating against schemas/plan-1.2.schema.json, apply without a prompt, every
// refusal (stale serial, other lineage, changed configuration, options a saved plan already decided), the
// variable values carried in the file, and encryption with the state's passphrase.

import { test } from "node:test";
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyCommand } from "../../cmd/commands/apply.js";
import { destroyCommand } from "../../cmd/commands/destroy.js";
import { planCommand } from "../../cmd/commands/plan.js";
import { showCommand } from "../../cmd/commands/show.js";
import { runCommand, type RunOptions } from "../cmd/state-harness.js";
import { validatePlanJson } from "./support/plan-schema.js";
import { historyPathsFor } from "../../state/history/paths.js";

const config = `
variable "greeting" {
  type    = string
  default = "hello"
}
resource "terraform_data" "a" { input = var.greeting }
resource "terraform_data" "b" { input = terraform_data.a.output }
output "b" { value = terraform_data.b.output }
`;

function workdir(files: Record<string, string> = { "main.tf": config }): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-saved-plan-"));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(d, n), t);
  return d;
}

const plan = (d: string, args: string[] = [], o?: RunOptions) => runCommand(planCommand, d, ["-no-color", ...args], o);
const apply = (d: string, args: string[] = [], o?: RunOptions) => runCommand(applyCommand, d, ["-no-color", ...args], o);
const show = (d: string, args: string[] = [], o?: RunOptions) => runCommand(showCommand, d, ["-no-color", ...args], o);
const stateText = (d: string) => (existsSync(join(d, "cairn.tfstate")) ? readFileSync(join(d, "cairn.tfstate"), "utf8") : undefined);

test("plan -out → show → show -json → apply FILE", async () => {
  const d = workdir();
  const p = await plan(d, ["-out=tfplan"]);
  assert.equal(p.code, 0, p.stderr);
  const rule = "\n" + "─".repeat(77) + "\n";
  assert.ok(p.stdout.endsWith(`${rule}\nSaved the plan to: tfplan\n\nTo perform exactly these actions, run the following command to apply:\n    cairn apply "tfplan"\n`), p.stdout);
  assert.doesNotMatch(p.stdout, /You didn't use the -out option/);
  assert.ok(existsSync(join(d, "tfplan")));
  assert.equal(stateText(d), undefined, "plan -out writes no state");

  // show FILE renders exactly what plan rendered.
  const s = await show(d, ["tfplan"]);
  assert.equal(s.code, 0, s.stderr);
  assert.equal(s.stdout, p.stdout.slice(0, p.stdout.indexOf(rule)));
  assert.match(s.stdout, /# terraform_data\.a will be created/);

  // show -json FILE: Terraform's JSON plan, format 1.2, valid against the schema.
  const j = await show(d, ["-json", "tfplan"]);
  assert.equal(j.code, 0, j.stderr);
  assert.ok(j.stdout.endsWith("}\n"));
  const doc = JSON.parse(j.stdout);
  assert.deepEqual(validatePlanJson(doc), []);
  assert.equal(doc.format_version, "1.2");
  assert.deepEqual(doc.variables, { greeting: { value: "hello" } });
  assert.deepEqual(
    doc.resource_changes.map((c: { address: string; change: { actions: string[] } }) => [c.address, c.change.actions]),
    [["terraform_data.a", ["create"]], ["terraform_data.b", ["create"]]],
  );
  const b = doc.resource_changes[1].change;
  assert.equal(b.after_unknown.output, true);
  assert.equal(b.after_unknown.input, true);
  assert.equal(doc.resource_changes[0].change.after.input, "hello");
  assert.equal(doc.applyable, true);
  assert.ok(doc.configuration.root_module.resources.some((r: { address: string }) => r.address === "terraform_data.a"));

  // apply FILE: no prompt (stdin is empty: a prompt would cancel), exactly the saved plan.
  const a = await apply(d, ["tfplan"]);
  assert.equal(a.code, 0, a.stderr);
  assert.doesNotMatch(a.stdout, /Do you want to perform these actions/);
  assert.doesNotMatch(a.stdout, /will be created/, "a saved plan is not shown again");
  assert.match(a.stdout, /terraform_data\.a: Creation complete after \d+s/);
  assert.match(a.stdout, /Apply complete! Resources: 2 added, 0 changed, 0 destroyed\./);
  assert.match(a.stdout, /Outputs:\n\nb = "hello"/);
  assert.equal(JSON.parse(stateText(d)!).resources.length, 2);
  // The state history records the digest of the plan file applied.
  const records = readFileSync(historyPathsFor(join(d, "cairn.tfstate")).records, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(records.at(-1).plan_digest, createHash("sha256").update(readFileSync(join(d, "tfplan"))).digest("hex"));

  // The same plan again: the state moved on.
  const again = await apply(d, ["tfplan"]);
  assert.equal(again.code, 1);
  assert.match(again.flat, /Error: Saved plan is stale/);
  assert.match(again.flat, /The given plan file can no longer be applied because the state was changed by another operation after the plan was created\./);
});

test("show of a state file keeps working beside plan files", async () => {
  const d = workdir();
  assert.equal((await apply(d, ["-auto-approve"])).code, 0);
  const s = await show(d, ["cairn.tfstate"]);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /# terraform_data\.a:\nresource "terraform_data" "a" \{/);
  const j = await show(d, ["-json", "cairn.tfstate"]);
  assert.equal(JSON.parse(j.stdout).format_version, "1.0");
});

test("apply FILE refuses a plan whose state serial moved on (Saved plan is stale)", async () => {
  const d = workdir();
  assert.equal((await apply(d, ["-auto-approve"])).code, 0);
  assert.equal((await plan(d, ["-var", "greeting=hi", "-out=tfplan"])).code, 0);
  // Another operation applies a change after the plan was made: the state's serial moves on.
  const serial = JSON.parse(stateText(d)!).serial;
  const other = await apply(d, ["-var", "greeting=other", "-auto-approve"]);
  assert.equal(other.code, 0, other.stderr);
  assert.ok(JSON.parse(stateText(d)!).serial > serial);
  const before = stateText(d);
  const r = await apply(d, ["tfplan"]);
  assert.equal(r.code, 1);
  assert.match(r.flat, /Error: Saved plan is stale/);
  assert.equal(stateText(d), before, "nothing written");
});

test("apply FILE refuses a plan made from another state lineage", async () => {
  const d = workdir();
  assert.equal((await apply(d, ["-auto-approve"])).code, 0);
  writeFileSync(join(d, "main.tf"), config.replace('default = "hello"', 'default = "hi"'));
  assert.equal((await plan(d, ["-out=tfplan"])).code, 0);
  const state = JSON.parse(stateText(d)!);
  state.lineage = "00000000-0000-4000-8000-000000000000";
  writeFileSync(join(d, "cairn.tfstate"), JSON.stringify(state, null, 2) + "\n");
  const before = stateText(d);
  const r = await apply(d, ["tfplan"]);
  assert.equal(r.code, 1);
  assert.match(r.flat, /Error: Saved plan does not match the given state/);
  assert.match(r.flat, /The given plan file can not be applied because it was created from a different state lineage\./);
  assert.equal(stateText(d), before);
});

test("apply FILE refuses a plan whose configuration changed since", async () => {
  const d = workdir();
  assert.equal((await plan(d, ["-out=tfplan"])).code, 0);
  writeFileSync(join(d, "main.tf"), config + '\nresource "terraform_data" "c" { input = 1 }\n');
  writeFileSync(join(d, "extra.tf"), 'output "x" { value = 1 }\n');
  const r = await apply(d, ["tfplan"]);
  assert.equal(r.code, 1);
  assert.match(r.flat, /Error: Saved plan does not match the configuration/);
  assert.match(r.flat, /extra\.tf was added/);
  assert.match(r.flat, /main\.tf was modified/);
  assert.equal(stateText(d) === undefined || JSON.parse(stateText(d)!).resources.length === 0, true, "nothing applied");
});

test("apply FILE refuses a plan whose child module changed since; show -json still reads it", async () => {
  const d = workdir({ "main.tf": 'module "web" {\n  source = "./modules/web"\n  count  = 2\n}\n' });
  mkdirSync(join(d, "modules", "web"), { recursive: true });
  writeFileSync(join(d, "modules", "web", "main.tf"), 'resource "terraform_data" "x" { input = "v1" }\n');
  assert.equal((await plan(d, ["-out=tfplan"])).code, 0);
  const shown = await show(d, ["-json", "tfplan"]);
  assert.equal(shown.code, 0, shown.flat);
  const j = JSON.parse(shown.stdout);
  assert.deepEqual(j.resource_changes.map((c: { address: string }) => c.address), ["module.web[0].terraform_data.x", "module.web[1].terraform_data.x"]);
  // The child module's configuration is inside its call, its provider key is module-qualified.
  const web = j.configuration.root_module.module_calls.web;
  assert.equal(web.module.resources[0].address, "terraform_data.x");
  assert.equal(web.module.resources[0].provider_config_key, "module.web:terraform");
  assert.deepEqual(validatePlanJson(j), []);
  writeFileSync(join(d, "modules", "web", "main.tf"), 'resource "terraform_data" "x" { input = "v2" }\n');
  const r = await apply(d, ["tfplan"]);
  assert.equal(r.code, 1);
  assert.match(r.flat, /Error: Saved plan does not match the configuration/);
  assert.match(r.flat, /modules\/web\/main\.tf was modified/);
  assert.equal(stateText(d) === undefined || JSON.parse(stateText(d)!).resources.length === 0, true, "nothing applied");
});

test("apply FILE refuses a plan made in another workspace, even against the new workspace's empty state", async () => {
  const d = workdir();
  assert.equal((await plan(d, ["-out=tfplan"])).code, 0);
  const r = await apply(d, ["tfplan"], { env: { TF_WORKSPACE: "dev" } });
  assert.equal(r.code, 1);
  assert.match(r.flat, /Error: Saved plan is for a different workspace/);
  assert.match(r.flat, /workspace "dev" because it was created for workspace "default"/);
  assert.equal(existsSync(join(d, "cairn.tfstate.d", "dev", "cairn.tfstate")) ? JSON.parse(readFileSync(join(d, "cairn.tfstate.d", "dev", "cairn.tfstate"), "utf8")).resources.length : 0, 0);
  // The workspace it was made for still applies it.
  assert.equal((await apply(d, ["tfplan"])).code, 0);
});

test("apply FILE refuses options a saved plan already decided", async () => {
  const d = workdir();
  assert.equal((await plan(d, ["-out=tfplan"])).code, 0);
  const cases: [string[], RegExp, RegExp][] = [
    [["-var", "greeting=x", "tfplan"], /Error: Can't set variables when applying a saved plan/, /because a saved plan includes the variable values that were set when it was created/],
    [["-var-file=x.tfvars", "tfplan"], /Error: Can't set variables when applying a saved plan/, /-var and -var-file options/],
    [["-destroy", "tfplan"], /Error: Can't change planning options when applying a saved plan/, /The -destroy option cannot be used/],
    [["-target=terraform_data.a", "-replace=terraform_data.b", "tfplan"], /Error: Can't change planning options/, /The -target, -replace options cannot be used/],
    [["-refresh=false", "tfplan"], /Error: Can't change planning options/, /-refresh=false/],
    [["tfplan", "other"], /Error: Too many command line arguments/, /Expected at most one positional argument/],
    [["missing.plan"], /Error: Failed to load "missing\.plan" as a plan file/, /no such file or directory/],
    [["main.tf"], /Error: Failed to load "main\.tf" as a plan file/, /plan file header/],
  ];
  for (const [args, summary, detail] of cases) {
    const r = await apply(d, args);
    assert.equal(r.code, 1, args.join(" "));
    assert.match(r.flat, summary, args.join(" "));
    assert.match(r.flat, detail, args.join(" "));
  }
  const des = await runCommand(destroyCommand, d, ["-no-color", "tfplan"]);
  assert.equal(des.code, 1);
  assert.match(des.flat, /Error: Destroy can't be called with a plan file/);
  // -no-color: Terraform's plain form, the indented line kept as it is.
  assert.match(des.flat, /If this plan was created using plan -destroy, apply it using:\n {2}cairn apply "tfplan"/);
  assert.ok(stateText(d) === undefined || JSON.parse(stateText(d)!).resources.length === 0, "nothing applied");
});

test("a saved plan carries its variable values; a -destroy plan destroys", async () => {
  const d = workdir();
  assert.equal((await plan(d, ["-var", "greeting=from-the-plan", "-out=tfplan"])).code, 0);
  const a = await apply(d, ["tfplan"]);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /b = "from-the-plan"/);
  const p = await plan(d, ["-destroy", "-var", "greeting=from-the-plan", "-out=destroy.plan"]);
  assert.equal(p.code, 0, p.stderr);
  assert.match(p.stdout, /cairn apply "destroy\.plan"/);
  const r = await apply(d, ["destroy.plan"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Apply complete! Resources: 0 added, 0 changed, 2 destroyed\./);
  assert.equal(JSON.parse(stateText(d)!).resources.length, 0);
});

test("a plan without changes is saved, shows no next step, and applies as an empty apply", async () => {
  const d = workdir();
  assert.equal((await apply(d, ["-auto-approve"])).code, 0);
  const p = await plan(d, ["-out=tfplan"]);
  assert.equal(p.code, 0);
  assert.match(p.stdout, /No changes\./);
  assert.doesNotMatch(p.stdout, /Saved the plan to/);
  assert.ok(existsSync(join(d, "tfplan")));
  const a = await apply(d, ["tfplan"]);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /Apply complete! Resources: 0 added, 0 changed, 0 destroyed\./);
});

test("with a state passphrase the plan file is encrypted, and unreadable without it", async () => {
  const d = workdir();
  const env = { CAIRN_STATE_PASSPHRASE: "correct horse battery staple" };
  const p = await plan(d, ["-out=tfplan"], { env });
  assert.equal(p.code, 0, p.stderr);
  const bytes = readFileSync(join(d, "tfplan"));
  assert.equal(bytes.subarray(0, 8).toString("latin1"), "CAIRNPLN");
  assert.equal(bytes[9]! & 1, 1, "the encrypted flag is set");
  const no = await show(d, ["tfplan"]);
  assert.equal(no.code, 1);
  assert.match(no.flat, /Failed to load "tfplan" as a plan file/);
  assert.match(no.flat, /encrypted/);
  const wrong = await show(d, ["tfplan"], { env: { CAIRN_STATE_PASSPHRASE: "wrong" } });
  assert.equal(wrong.code, 1);
  const yes = await show(d, ["tfplan"], { env });
  assert.equal(yes.code, 0, yes.stderr);
  assert.match(yes.stdout, /Plan: 2 to add, 0 to change, 0 to destroy\./);
  const a = await apply(d, ["tfplan"], { env });
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /Apply complete! Resources: 2 added/);
});
