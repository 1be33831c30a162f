// Scenario directories (test/core/scenarios/<name>/): `prior.tf` (applied first to make the prior state) or a
// `cairn.tfstate`, `main.tf`, optional `args.json`, and the golden `plan.txt` rendered by the real renderer.
// After a successful plan the scenario is applied and planned again, which must show no changes.
// UPDATE_GOLDEN=1 rewrites the golden files.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { harness } from "./support/harness.js";
import { scenarioNames, scenarioPlanOptions, setUpScenario } from "./support/scenario-setup.js";
import { renderPlan } from "../../cmd/views/plan/index.js";
import { parseAbsProviderConfigStr } from "../../addrs/parse-provider.js";
import type { Plan } from "../../planner/plan/model.js";
import type { Harness } from "./support/harness.js";



export function render(h: Harness, plan: Plan, core: { schema: (p: string, m: "managed" | "data", t: string) => unknown }): string {
  void h;
  return renderPlan(plan, { color: false, schemaFor: core.schema as never });
}

function normalize(s: string): string {
  return s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
}

for (const name of scenarioNames()) {
  test(`scenario ${name}`, async () => {
    const { src, work, args, cloud, prior } = await setUpScenario(name);
    const { h, diags } = await harness(work, { cloud, vars: args.vars });
    assert.deepEqual(diags.filter((d) => d.severity === "error"), []);
    const p = await h!.plan(prior, scenarioPlanOptions(args));
    const errors = p.diags.filter((d) => d.severity === "error");
    if (args.expectError !== undefined) {
      assert.ok(errors.some((d) => d.summary === args.expectError), `expected ${args.expectError}, got ${JSON.stringify(errors.map((d) => d.summary))}`);
      assert.ok(errors.every((d) => d.subject !== undefined || d.address !== undefined), "errors carry a location or address");
      return;
    }
    assert.deepEqual(errors, []);
    const core = h!.providers[h!.providers.length - 1];
    void core;
    const schemas = new Map<string, unknown>();
    const schemaFor = (providerAddr: string, mode: "managed" | "data", type: string) => {
      const pa = parseAbsProviderConfigStr(providerAddr).addr;
      if (!pa) return undefined;
      return lookupSchema(pa.provider.toString(), mode, type, schemas);
    };
    const text = normalize(renderPlan(p.plan!, { color: false, schemaFor: schemaFor as never }));
    const golden = join(src, "plan.txt");
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) writeFileSync(golden, text);
    else assert.equal(text, readFileSync(golden, "utf8"));
    // Apply, then the same configuration plans no changes.
    if (!p.plan!.applyable || args.targets || args.excludes || args.mode === "refresh-only") return;
    const a = await h!.apply(p.plan!, prior);
    assert.deepEqual(a.diags.filter((d) => d.severity === "error"), []);
    if (args.mode === "destroy") {
      assert.equal(a.state.resources.filter((r) => r.mode === "managed").length, 0);
      return;
    }
    const again = await h!.plan(a.state, { refresh: args.refresh });
    const pending = again.plan!.resourceChanges.filter((c) => c.action !== "no-op").map((c) => `${c.addr} ${c.action}`);
    assert.deepEqual(pending, [], "apply then plan is empty");
  });
}

import { TerraformProvider } from "../../providers/terraform/index.js";
import { TestThingProvider, testProviderAddr } from "../providers/support/test-thing-provider.js";
import { Provider } from "../../addrs/provider.js";
function lookupSchema(provider: string, mode: "managed" | "data", type: string, _cache: Map<string, unknown>) {
  void _cache;
  const p = provider === testProviderAddr.toString() ? new TestThingProvider() : provider === Provider.implied("terraform").toString() ? new TerraformProvider() : undefined;
  if (!p) return undefined;
  // getSchema is async in the interface, but both providers build it synchronously; resolve eagerly.
  return schemaSync(p, mode, type);
}
import { testThingSchema, testThingDataSchema } from "../providers/support/test-thing-schema.js";
import { dataResourceSchema } from "../../providers/terraform/index.js";
function schemaSync(p: unknown, mode: "managed" | "data", type: string) {
  if (p instanceof TestThingProvider) return (mode === "managed" ? testThingSchema : testThingDataSchema).block;
  if (type === "terraform_data") return dataResourceSchema.block;
  return undefined;
}
