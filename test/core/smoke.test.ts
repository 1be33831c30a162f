import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";

test("terraform_data: create, then no changes, then update, then destroy", async () => {
  const dir = writeConfig({
    "main.tf": `
variable "v" { default = "a" }
resource "terraform_data" "a" { input = var.v }
resource "terraform_data" "b" { input = terraform_data.a.output }
output "o" { value = terraform_data.b.output }
`,
  });
  const { h, diags } = await harness(dir);
  assert.deepEqual(diags, []);
  const r1 = await h!.converge();
  assert.deepEqual(r1.diags.filter((d) => d.severity === "error"), []);
  assert.deepEqual(r1.plan.resourceChanges.map((c) => `${c.addr} ${c.action}`), ["terraform_data.a create", "terraform_data.b create"]);
  assert.equal(r1.state.resources.length, 2);
  assert.equal((r1.state.outputs.o?.value as string), "a");
  const p2 = await h!.plan(r1.state);
  assert.deepEqual(p2.plan!.resourceChanges.map((c) => c.action), ["no-op", "no-op"]);
  assert.equal(p2.plan!.applyable, false);
  const p3 = await h!.plan(r1.state, { mode: "destroy" });
  assert.deepEqual(p3.plan!.resourceChanges.map((c) => `${c.addr} ${c.action}`), ["terraform_data.a delete", "terraform_data.b delete"]);
  const a3 = await h!.apply(p3.plan!, r1.state);
  assert.deepEqual(a3.diags.filter((d) => d.severity === "error"), []);
  assert.equal(a3.state.resources.length, 0);
});
