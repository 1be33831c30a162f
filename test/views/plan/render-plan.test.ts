import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { renderPlan } from "../../../cmd/views/plan/index.js";
import type { PlanCase } from "./case.js";
import { actionCases } from "./cases-actions.js";
import { valueCases } from "./cases-values.js";
import { planCases } from "./cases-plan.js";
import { schemaFor } from "./helpers.js";

const fixtures = new URL("../../../../test/views/plan/fixtures/", import.meta.url);
const cases: PlanCase[] = [...actionCases, ...valueCases, ...planCases];

function render(c: PlanCase): string {
  return renderPlan(c.plan, {
    color: c.color === true,
    schemaFor,
    ...(c.width !== undefined ? { width: c.width } : {}),
    ...(c.inAutomation !== undefined ? { inAutomation: c.inAutomation } : {}),
  });
}

test("case names are unique", () => {
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
});

for (const c of cases) {
  test(`renders ${c.name} as Terraform does`, () => {
    const got = render(c);
    const dir = new URL(`${c.name}/`, fixtures);
    const golden = new URL("expected.txt", dir);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(dir, { recursive: true });
      writeFileSync(golden, got);
    }
    assert.ok(existsSync(golden), `missing golden ${golden.pathname}; run with UPDATE_GOLDEN=1 and review it`);
    assert.equal(got, readFileSync(golden, "utf8"));
    for (const secret of c.secrets ?? []) assert.ok(!got.includes(secret), `sensitive value ${secret} printed`);
    if (c.color !== true) assert.ok(!got.includes("\u001b"), "escape codes without colour");
    else assert.ok(got.includes("\u001b[32m+\u001b[0m"), "colour codes missing");
  });
}
