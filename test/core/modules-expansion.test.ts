// `count` and `for_each` on module calls: every object inside a called module exists once per module
// instance (`module.web[1].terraform_data.x`, `module.env["prod"].module.db[0]...`), the call's
// `count.index` / `each.*` reach its arguments, `module.web` is a tuple or a map of the instances' outputs,
// removed instances are destroyed with Terraform's "no module" reason, and -target narrows to one instance.

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";
import { parseTargetStr } from "../../addrs/parse-target.js";
import type { StateFile } from "../../state/model.js";

const errors = <D extends { severity: string }>(ds: readonly D[]): D[] => ds.filter((d) => d.severity === "error");
const changes = (p: { resourceChanges: readonly { addr: { toString(): string }; action: string; actionReason?: string }[] }) =>
  p.resourceChanges.map((c) => `${c.addr} ${c.action}${c.actionReason ? ` (${c.actionReason})` : ""}`);
const input = (s: StateFile, module: string | undefined, name: string, key?: number | string) =>
  (s.resources.find((r) => r.module === module && r.name === name)?.instances.find((i) => i.index_key === key)?.attributes as { input?: { value: unknown } } | undefined)?.input?.value;

const web = `
variable "name" { type = string }
variable "replicas" {
  type    = number
  default = 1
}
resource "terraform_data" "x" {
  count = var.replicas
  input = "\${var.name}-\${count.index}"
}
output "names" { value = terraform_data.x[*].output }
output "name" { value = var.name }
`;

const counted = (n: number) =>
  writeConfig({
    "main.tf": `
module "web" {
  source   = "./web"
  count    = ${n}
  name     = "web\${count.index}"
  replicas = count.index + 1
}
output "names" { value = module.web[*].name }
output "all" { value = flatten(module.web[*].names) }
resource "terraform_data" "sum" { input = length(module.web) }
`,
    "web/main.tf": web,
  });

test("module count: instances planned and applied with count.index in the arguments; re-plan is empty", async () => {
  const { h, diags } = await harness(counted(2));
  assert.deepEqual(errors(diags), []);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  assert.deepEqual(changes(r.plan), [
    "module.web[0].terraform_data.x[0] create",
    "module.web[1].terraform_data.x[0] create",
    "module.web[1].terraform_data.x[1] create",
    "terraform_data.sum create",
  ]);
  assert.equal(input(r.state, "module.web[1]", "x", 1), "web1-1");
  // Dependencies are recorded for objects in module instances too (static addresses, as Terraform's).
  assert.deepEqual(r.state.resources.find((x) => x.name === "sum")!.instances[0]!.dependencies, ["module.web.terraform_data.x"]);
  assert.equal(input(r.state, undefined, "sum"), 2);
  assert.deepEqual(r.state.outputs.names?.value, ["web0", "web1"]);
  assert.deepEqual(r.state.outputs.all?.value, ["web0-0", "web1-0", "web1-1"]);
  const again = await h!.plan(r.state);
  assert.deepEqual(errors(again.diags), []);
  assert.equal(again.plan!.applyable, false);
});

test("module count: a removed instance's objects are destroyed because the module instance is gone", async () => {
  const { h } = await harness(counted(2));
  const r = await h!.converge();
  const { h: h1 } = await harness(counted(1));
  const p = await h1!.plan(r.state);
  assert.deepEqual(errors(p.diags), []);
  assert.deepEqual(
    changes(p.plan!).filter((c) => !c.endsWith("no-op")),
    ["module.web[1].terraform_data.x[0] delete (delete_because_no_module)", "module.web[1].terraform_data.x[1] delete (delete_because_no_module)", "terraform_data.sum update"],
  );
  const a = await h1!.apply(p.plan!, r.state);
  assert.deepEqual(errors(a.diags), []);
  assert.deepEqual(a.state.resources.map((x) => `${x.module ?? ""} ${x.name} ${x.instances.length}`).sort(), [" sum 1", "module.web[0] x 1"]);
  assert.equal((await h1!.plan(a.state)).plan!.applyable, false);
  // Destroy takes everything, in every module instance.
  const d = await h1!.plan(a.state, { mode: "destroy" });
  const gone = await h1!.apply(d.plan!, a.state);
  assert.deepEqual(errors(gone.diags), []);
  assert.deepEqual(gone.state.resources, []);
});

test("module for_each: each.key and each.value reach the arguments; module.x is a map; nested calls expand too", async () => {
  const dir = writeConfig({
    "main.tf": `
variable "envs" {
  # Typed, so that -var reads an expression (an untyped variable takes -var text literally, as Terraform).
  type    = map(number)
  default = { dev = 1, prod = 2 }
}
module "env" {
  source   = "./env"
  for_each = var.envs
  name     = each.key
  size     = each.value
}
output "dbs" { value = { for k, m in module.env : k => m.dbs } }
`,
    "env/main.tf": `
variable "name" {}
variable "size" {}
module "db" {
  source = "../db"
  count  = var.size
  label  = "\${var.name}/db\${count.index}"
}
output "dbs" { value = module.db[*].label }
`,
    "db/main.tf": `
variable "label" {}
resource "terraform_data" "d" { input = var.label }
output "label" { value = terraform_data.d.output }
`,
  });
  const { h, diags } = await harness(dir);
  assert.deepEqual(errors(diags), []);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  assert.deepEqual(changes(r.plan), [
    'module.env["dev"].module.db[0].terraform_data.d create',
    'module.env["prod"].module.db[0].terraform_data.d create',
    'module.env["prod"].module.db[1].terraform_data.d create',
  ]);
  assert.deepEqual(r.state.outputs.dbs?.value, { dev: ["dev/db0"], prod: ["prod/db0", "prod/db1"] });
  assert.equal(input(r.state, 'module.env["prod"].module.db[1]', "d"), "prod/db1");
  assert.equal((await h!.plan(r.state)).plan!.applyable, false);

  // Dropping a key destroys everything under that instance, nested modules included.
  const { h: h2 } = await harness(dir, { vars: { envs: "{ prod = 2 }" } });
  const p = await h2!.plan(r.state);
  assert.deepEqual(errors(p.diags), []);
  assert.deepEqual(changes(p.plan!).filter((c) => !c.endsWith("no-op")), ['module.env["dev"].module.db[0].terraform_data.d delete (delete_because_no_module)']);
});

test("module for_each: an unknown key set is Terraform's Invalid for_each argument at the call", async () => {
  const dir = writeConfig({
    "main.tf": `
resource "terraform_data" "k" { input = "x" }
module "m" {
  source   = "./m"
  for_each = toset([terraform_data.k.id])
}
`,
    "m/main.tf": `resource "terraform_data" "x" {}\n`,
  });
  const { h } = await harness(dir);
  const p = await h!.plan(undefined);
  const e = errors(p.diags);
  assert.deepEqual(e.map((d) => d.summary), ["Invalid for_each argument"]);
  assert.equal(e[0]!.subject?.start.line, 5);
  assert.match(e[0]!.detail ?? "", /cannot be determined until apply/);
});

test("module count: -target of one module instance plans only that instance", async () => {
  const { h } = await harness(counted(3));
  const t = parseTargetStr("module.web[1]");
  assert.ok(t.target);
  const p = await h!.plan(undefined, { targets: [t.target] });
  assert.deepEqual(errors(p.diags), []);
  assert.deepEqual(changes(p.plan!), ["module.web[1].terraform_data.x[0] create", "module.web[1].terraform_data.x[1] create"]);
  const a = await h!.apply(p.plan!, undefined);
  assert.deepEqual(errors(a.diags), []);
  assert.deepEqual(a.state.resources.map((r) => `${r.module} ${r.instances.length}`), ["module.web[1] 2"]);
});

test("module variables: validation rules run per instance, reported at the call's argument", async () => {
  const dir = writeConfig({
    "main.tf": `
module "web" {
  source   = "./web"
  for_each = { ok = 3, bad = 0 }
  replicas = each.value
}
`,
    "web/main.tf": `
variable "replicas" {
  type = number
  validation {
    condition     = var.replicas > 0
    error_message = "replicas must be positive, got \${var.replicas}."
  }
}
resource "terraform_data" "x" { input = var.replicas }
`,
  });
  const { h } = await harness(dir);
  const p = await h!.plan(undefined);
  const e = errors(p.diags);
  assert.deepEqual(e.map((d) => d.summary), ["Invalid value for variable"]);
  assert.match(e[0]!.detail ?? "", /^replicas must be positive, got 0\.\n\nThis was checked by the validation rule at web\/main\.tf:4,3-13\.$/);
  assert.equal(e[0]!.subject?.start.line, 5);
});

test("module count: objects in module instances record their dependencies (static addresses, as Terraform)", async () => {
  const dir = writeConfig({
    "main.tf": `module "m" {\n  source = "./m"\n  count  = 2\n}\n`,
    "m/main.tf": `resource "terraform_data" "a" {}\nresource "terraform_data" "b" { input = terraform_data.a.id }\n`,
  });
  const { h } = await harness(dir);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  const b = r.state.resources.filter((x) => x.name === "b");
  assert.deepEqual(b.map((x) => [x.module, x.instances[0]!.dependencies]), [["module.m[0]", ["module.m.terraform_data.a"]], ["module.m[1]", ["module.m.terraform_data.a"]]]);
});
