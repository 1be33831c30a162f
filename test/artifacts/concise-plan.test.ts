// `plan -concise`: one line per changing resource and counts per type, against goldens for every scenario.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedAttributes, renderConcisePlan } from "../../cmd/views/concise/concise-plan.js";
import { numberVal, objectVal, stringVal, unknownVal } from "../../lang/values/value.js";
import { StringType } from "../../lang/values/types.js";
import { assertGolden } from "./support/golden.js";
import { goldenDir, planScenario, plannedScenarioNames } from "./support/scenario-plans.js";

for (const name of plannedScenarioNames()) {
  test(`concise plan: ${name}`, async () => {
    const s = await planScenario(name);
    assertGolden(join(goldenDir, "concise", `${name}.txt`), renderConcisePlan(s.plan));
  });
}

test("concise plan: changed attributes of an update, with unknowns and marks ignored for equality", () => {
  const before = objectVal({ name: stringVal("a"), size: numberVal(1), id: stringVal("x"), pw: stringVal("s").mark("sensitive") });
  const after = objectVal({ name: stringVal("a"), size: numberVal(2), id: unknownVal(StringType), pw: stringVal("s") });
  assert.deepEqual(changedAttributes(before, after), ["id", "size"]);
});

test("concise plan: a replace line names the forcing attribute and the reason", async () => {
  const s = (await planScenario("replace-cannot-update"));
  const text = renderConcisePlan(s.plan);
  assert.match(text, /^ {2}-\/\+ test_thing\.a {2}\(id, name!, zone\) {2}# cannot update in place$/m);
  assert.match(text, /^ {2}test_thing {2}1 to add, 0 to change, 1 to destroy$/m);
  assert.match(text, /^Plan: 1 to add, 0 to change, 1 to destroy\.$/m);
});
