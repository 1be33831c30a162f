// Local child modules (`source = "./x"`), each called once: planned and applied end to end through
// CoreContext with the module tree, addresses carrying the module path in the plan, the state and diagnostics.

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";

const files = {
  "main.tf": `
variable "env" { default = "dev" }
module "web" {
  source = "./modules/web"
  name   = "web-\${var.env}"
}
resource "terraform_data" "root" { input = module.web.id_input }
output "child" { value = module.web.id_input }
output "greeting" { value = module.web.greeting }
`,
  "modules/web/main.tf": `
variable "name" { type = string }
variable "size" {
  type    = number
  default = 3
}
locals { label = "\${var.name}:\${var.size}" }
resource "terraform_data" "x" { input = local.label }
output "id_input" { value = terraform_data.x.output }
output "greeting" { value = "hello \${var.name} from \${path.module}" }
`,
};

const errors = <D extends { severity: string }>(ds: readonly D[]): D[] => ds.filter((d) => d.severity === "error");

test("modules: a local child module is planned, applied, unchanged on re-plan, and destroyed", async () => {
  const dir = writeConfig(files);
  const { h, diags } = await harness(dir);
  assert.deepEqual(errors(diags), []);
  const r1 = await h!.converge();
  assert.deepEqual(errors(r1.diags), []);
  assert.deepEqual(r1.plan.resourceChanges.map((c) => `${c.addr} ${c.action}`), ["module.web.terraform_data.x create", "terraform_data.root create"]);
  // State: the child's resource carries its module path; the root resource does not.
  const byName = new Map(r1.state.resources.map((r) => [`${r.module ?? ""}|${r.type}.${r.name}`, r]));
  assert.deepEqual([...byName.keys()].sort(), ["module.web|terraform_data.x", "|terraform_data.root"].sort());
  const x = byName.get("module.web|terraform_data.x")!;
  assert.equal(x.module, "module.web");
  assert.equal((x.instances[0]!.attributes as { input: { value: string } }).input.value, "web-dev:3");
  // The root resource read the child's output, which read the child's resource.
  const root = byName.get("|terraform_data.root")!;
  assert.equal((root.instances[0]!.attributes as { input: { value: string } }).input.value, "web-dev:3");
  assert.deepEqual(root.instances[0]!.dependencies, ["module.web.terraform_data.x"]);
  assert.equal(r1.state.outputs.child?.value, "web-dev:3");
  assert.equal(r1.state.outputs.greeting?.value, "hello web-dev from modules/web");

  // Second plan: nothing to do.
  const p2 = await h!.plan(r1.state);
  assert.deepEqual(errors(p2.diags), []);
  assert.deepEqual(p2.plan!.resourceChanges.map((c) => `${c.addr} ${c.action}`), ["module.web.terraform_data.x no-op", "terraform_data.root no-op"]);
  assert.equal(p2.plan!.applyable, false);

  // Destroy removes both.
  const p3 = await h!.plan(r1.state, { mode: "destroy" });
  assert.deepEqual(errors(p3.diags), []);
  assert.deepEqual(p3.plan!.resourceChanges.map((c) => `${c.addr} ${c.action}`), ["module.web.terraform_data.x delete", "terraform_data.root delete"]);
  const a3 = await h!.apply(p3.plan!, r1.state);
  assert.deepEqual(errors(a3.diags), []);
  assert.equal(a3.state.resources.length, 0);
});

test("modules: changing a call argument updates the child's resource in place", async () => {
  const dir = writeConfig(files);
  const { h } = await harness(dir);
  const r1 = await h!.converge();
  const { h: h2, diags } = await harness(dir, { vars: { env: "prod" } });
  assert.deepEqual(errors(diags), []);
  const p = await h2!.plan(r1.state);
  assert.deepEqual(errors(p.diags), []);
  const actions = p.plan!.resourceChanges.map((c) => `${c.addr} ${c.action}`);
  assert.ok(actions.includes("module.web.terraform_data.x update") || actions.includes("module.web.terraform_data.x delete-then-create"), actions.join(", "));
});

test("modules: a module removed from the configuration has its resources planned for deletion", async () => {
  const dir = writeConfig(files);
  const { h } = await harness(dir);
  const r1 = await h!.converge();
  const dir2 = writeConfig({ "main.tf": `resource "terraform_data" "root" { input = "x" }\n` });
  const { h: h2 } = await harness(dir2);
  const p = await h2!.plan(r1.state);
  assert.deepEqual(errors(p.diags), []);
  const del = p.plan!.resourceChanges.find((c) => c.addr.toString() === "module.web.terraform_data.x");
  assert.equal(del?.action, "delete");
  const a = await h2!.apply(p.plan!, r1.state);
  assert.deepEqual(errors(a.diags), []);
  assert.deepEqual(a.state.resources.map((r) => `${r.module ?? ""}${r.type}.${r.name}`), ["terraform_data.root"]);
});

test("modules: an error inside a child module points at the child module's file", async () => {
  const dir = writeConfig({
    "main.tf": `module "web" {\n  source = "./modules/web"\n  name   = "a"\n}\n`,
    "modules/web/main.tf": `variable "name" { type = string }\nresource "terraform_data" "x" { input = tonumber(var.name) }\n`,
  });
  const { h } = await harness(dir);
  const p = await h!.plan(undefined);
  const errs = errors(p.diags);
  assert.ok(errs.length > 0);
  assert.equal(errs[0]!.subject?.filename, "modules/web/main.tf");
});

test("modules: nested modules two levels deep pass values down and outputs up", async () => {
  const dir = writeConfig({
    "main.tf": `module "a" {\n  source = "./a"\n  v      = "top"\n}\noutput "deep" { value = module.a.deep }\n`,
    "a/main.tf": `variable "v" {}\nmodule "b" {\n  source = "./b"\n  v      = "\${var.v}/a"\n}\noutput "deep" { value = module.b.r }\n`,
    "a/b/main.tf": `variable "v" {}\nresource "terraform_data" "r" { input = "\${var.v}/b" }\noutput "r" { value = terraform_data.r.output }\n`,
  });
  const { h, diags } = await harness(dir);
  assert.deepEqual(errors(diags), []);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  assert.deepEqual(r.plan.resourceChanges.map((c) => `${c.addr} ${c.action}`), ["module.a.module.b.terraform_data.r create"]);
  assert.equal(r.state.resources[0]!.module, "module.a.module.b");
  assert.equal(r.state.outputs.deep?.value, "top/a/b");
  const p2 = await h!.plan(r.state);
  assert.equal(p2.plan!.applyable, false);
});

test("modules: replace_triggered_by inside a child module refers to the child's own resource", async () => {
  const mk = (v: string) =>
    writeConfig({
      "main.tf": `module "web" {\n  source = "./web"\n  v      = "${v}"\n}\n`,
      "web/main.tf": `variable "v" {}\nresource "terraform_data" "a" { input = var.v }\nresource "terraform_data" "b" {\n  lifecycle { replace_triggered_by = [terraform_data.a] }\n}\n`,
    });
  const { h } = await harness(mk("1"));
  const r1 = await h!.converge();
  assert.deepEqual(errors(r1.diags), []);
  const { h: h2 } = await harness(mk("2"));
  const p = await h2!.plan(r1.state);
  assert.deepEqual(errors(p.diags), []);
  const b = p.plan!.resourceChanges.find((c) => c.addr.toString() === "module.web.terraform_data.b");
  assert.equal(b?.action, "delete-then-create");
  assert.equal(b?.actionReason, "replace_by_triggers");
});

test("modules: depends_on on a module call orders the child's resources after the named resource", async () => {
  const dir = writeConfig({
    "main.tf": `resource "terraform_data" "first" {}\nmodule "web" {\n  source     = "./web"\n  depends_on = [terraform_data.first]\n}\n`,
    "web/main.tf": `resource "terraform_data" "x" {}\n`,
  });
  const { h } = await harness(dir);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  const x = r.state.resources.find((res) => res.module === "module.web")!;
  assert.deepEqual(x.instances[0]!.dependencies, ["terraform_data.first"]);
});

test("modules: a sensitive input variable keeps its value sensitive inside the child", async () => {
  const dir = writeConfig({
    "main.tf": `module "web" {\n  source = "./web"\n  pw     = "s3cret"\n}\n`,
    "web/main.tf": `variable "pw" {\n  sensitive = true\n}\nresource "terraform_data" "x" { input = var.pw }\noutput "leak" { value = var.pw }\n`,
  });
  const { h } = await harness(dir);
  const p = await h!.plan(undefined);
  // Only a root module's output must say sensitive = true: terraform 1.11 plans this child output without
  // complaint (checked with the real binary), and the value stays sensitive in the caller.
  assert.deepEqual(errors(p.diags), []);
  const dir2 = writeConfig({
    "main.tf": `module "web" {\n  source = "./web"\n  pw     = "s3cret"\n}\n`,
    "web/main.tf": `variable "pw" {\n  sensitive = true\n}\nresource "terraform_data" "x" { input = var.pw }\n`,
  });
  const { h: h2 } = await harness(dir2);
  const p2 = await h2!.plan(undefined);
  assert.deepEqual(errors(p2.diags), []);
  const x = p2.plan!.resourceChanges.find((c) => c.addr.toString() === "module.web.terraform_data.x")!;
  assert.ok(x.after.containsMarked(), "the planned input is marked sensitive");
});

test("modules: depends_on = [module.m] waits for every resource inside the module, not only those behind outputs", async () => {
  const dir = writeConfig({
    "main.tf": `
module "m" { source = "./m" }
module "after" {
  source     = "./after"
  depends_on = [module.m]
}
resource "terraform_data" "root" { depends_on = [module.m] }
`,
    "m/main.tf": `resource "terraform_data" "hidden" {}\nmodule "inner" { source = "./inner" }\n`,
    "m/inner/main.tf": `resource "terraform_data" "deep" {}\n`,
    "after/main.tf": `resource "terraform_data" "y" {}\n`,
  });
  const { h, diags } = await harness(dir);
  assert.deepEqual(errors(diags), []);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  const deps = (module: string | undefined, name: string) => r.state.resources.find((x) => x.module === module && x.name === name)!.instances[0]!.dependencies;
  assert.deepEqual(deps(undefined, "root"), ["module.m.module.inner.terraform_data.deep", "module.m.terraform_data.hidden"]);
  assert.deepEqual(deps("module.after", "y"), ["module.m.module.inner.terraform_data.deep", "module.m.terraform_data.hidden"]);
});
