// terraform_data's derived sensitivity (providers/interface.ts sensitiveConfigPaths -> sensitivePaths):
// each sensitive configuration path under `input` is reported at the same path under `output` once the
// output is known (at apply; a new object's output is unknown at plan and carries no marks, as in
// Terraform); not for other attributes, not for a delete, and nothing when the planner sends none.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stringVal, type Value } from "../../lang/values/value.js";
import { numberVal } from "../../lang/values/value.js";
import { type AttributePath, TerraformProvider, blockValue, dataResourceSchema, proposedNewState } from "../../providers/index.js";
import { nullVal } from "../../lang/values/value.js";
import { impliedType } from "../../providers/schema.js";

const block = dataResourceSchema.block;
const typeName = "terraform_data";
const nullObj = nullVal(impliedType(block));
const attr = (name: string) => ({ kind: "attr", name }) as const;

const cases: { name: string; paths: AttributePath[] | undefined; want: string[] }[] = [
  { name: "no paths sent (a planner that does not know the extension)", paths: undefined, want: [] },
  { name: "nothing sensitive", paths: [], want: [] },
  { name: "the whole input", paths: [[attr("input")]], want: ["output"] },
  { name: "a member of the input", paths: [[attr("input"), attr("a")]], want: ["output.a"] },
  { name: "an element of the input", paths: [[attr("input"), { kind: "index", key: numberVal(0) }]], want: ["output.[]"] },
  { name: "only triggers_replace", paths: [[attr("triggers_replace")]], want: [] },
];

const show = (ps: readonly AttributePath[] | undefined) => (ps ?? []).map((p) => p.map((s) => (s.kind === "attr" ? s.name : "[]")).join("."));

describe("terraform_data sensitivePaths", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const p = new TerraformProvider({ generateId: () => "id-1" });
      const cfg: Value = blockValue(block, { input: stringVal("hunter2"), triggers_replace: stringVal("t") });
      const proposed = proposedNewState(block, nullObj, cfg);
      const plan = await p.planResourceChange({ typeName, priorState: nullObj, proposedNewState: proposed, config: cfg, sensitiveConfigPaths: c.paths });
      assert.deepEqual(plan.diagnostics, []);
      assert.deepEqual(show(plan.sensitivePaths), [], "a new object's output is unknown at plan: no marks");
      const applied = await p.applyResourceChange({ typeName, priorState: nullObj, plannedState: plan.plannedState, config: cfg, sensitiveConfigPaths: c.paths, clientToken: "tok" });
      assert.deepEqual(applied.diagnostics, []);
      assert.deepEqual(show(applied.sensitivePaths), c.want);
    });
  }

  it("a delete reports nothing", async () => {
    const p = new TerraformProvider();
    const prior = blockValue(block, { id: stringVal("id-1"), input: stringVal("x"), output: stringVal("x") });
    const plan = await p.planResourceChange({ typeName, priorState: prior, proposedNewState: nullObj, config: nullObj, sensitiveConfigPaths: [[attr("input")]] });
    assert.equal(plan.sensitivePaths, undefined);
    const applied = await p.applyResourceChange({ typeName, priorState: prior, plannedState: nullObj, config: nullObj, sensitiveConfigPaths: [[attr("input")]], clientToken: "tok" });
    assert.equal(applied.sensitivePaths, undefined);
  });
});
