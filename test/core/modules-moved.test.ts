// `moved` blocks across module boundaries: a root resource into a module, a module renamed, a module that
// gained `count`, and a moved block inside a counted module (relative to each of its instances). Each plan
// shows the move (prevRunAddr) instead of a destroy and a create.

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";
import type { StateFile } from "../../state/model.js";

const errors = <D extends { severity: string }>(ds: readonly D[]): D[] => ds.filter((d) => d.severity === "error");
const summary = (p: { resourceChanges: readonly { addr: { toString(): string }; action: string; prevRunAddr?: { toString(): string } }[] }) =>
  p.resourceChanges.map((c) => `${c.addr} ${c.action}${c.prevRunAddr ? ` from ${c.prevRunAddr}` : ""}`);

async function applied(files: Record<string, string>): Promise<StateFile> {
  const { h, diags } = await harness(writeConfig(files));
  assert.deepEqual(errors(diags), []);
  const r = await h!.converge();
  assert.deepEqual(errors(r.diags), []);
  return r.state;
}

async function planMoved(files: Record<string, string>, state: StateFile): Promise<string[]> {
  const { h, diags } = await harness(writeConfig(files));
  assert.deepEqual(errors(diags), []);
  const p = await h!.plan(state);
  assert.deepEqual(errors(p.diags), []);
  const r = await h!.apply(p.plan!, state);
  assert.deepEqual(errors(r.diags), []);
  // After the move is applied, nothing is left to do.
  const again = await h!.plan(r.state);
  assert.equal(again.plan!.applyable, false, summary(again.plan!).join("\n"));
  return summary(p.plan!);
}

const mod = { "web/main.tf": `resource "terraform_data" "a" { input = "a" }\n` };

const cases: { name: string; before: Record<string, string>; after: Record<string, string>; want: string[] }[] = [
  {
    name: "a root resource moves into a module",
    before: { "main.tf": `resource "terraform_data" "a" { input = "a" }\n` },
    after: { ...mod, "main.tf": `module "web" { source = "./web" }\nmoved {\n  from = terraform_data.a\n  to   = module.web.terraform_data.a\n}\n` },
    want: ["module.web.terraform_data.a no-op from terraform_data.a"],
  },
  {
    name: "a module call is renamed",
    before: { ...mod, "main.tf": `module "old" { source = "./web" }\n` },
    after: { ...mod, "main.tf": `module "new" { source = "./web" }\nmoved {\n  from = module.old\n  to   = module.new\n}\n` },
    want: ["module.new.terraform_data.a no-op from module.old.terraform_data.a"],
  },
  {
    name: "a module call gains count",
    before: { ...mod, "main.tf": `module "web" { source = "./web" }\n` },
    after: { ...mod, "main.tf": `module "web" {\n  source = "./web"\n  count  = 2\n}\nmoved {\n  from = module.web\n  to   = module.web[0]\n}\n` },
    want: ["module.web[0].terraform_data.a no-op from module.web.terraform_data.a", "module.web[1].terraform_data.a create"],
  },
  {
    name: "a moved block inside a counted module applies in each instance",
    before: { ...mod, "main.tf": `module "web" {\n  source = "./web"\n  count  = 2\n}\n` },
    after: {
      "web/main.tf": `resource "terraform_data" "b" { input = "a" }\nmoved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\n`,
      "main.tf": `module "web" {\n  source = "./web"\n  count  = 2\n}\n`,
    },
    want: ["module.web[0].terraform_data.b no-op from module.web[0].terraform_data.a", "module.web[1].terraform_data.b no-op from module.web[1].terraform_data.a"],
  },
];

for (const c of cases) {
  test(`moved across modules: ${c.name}`, async () => {
    const state = await applied(c.before);
    assert.deepEqual(await planMoved(c.after, state), c.want);
  });
}
