// `show -json` of a plan: for every planner-core scenario, Terraform's JSON plan (format 1.2) against a
// golden file, validated against schemas/plan-1.2.schema.json, with after_unknown and the sensitivity
// fields checked by hand for the scenarios that exercise them.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { validatePlanJson } from "./support/plan-schema.js";
import { planToJSON, planToJSONText } from "../../cmd/views/json/plan.js";
import { indentLikeGo } from "../../lang/values/json-exact.js";
import { assertGolden, normalizeRunText } from "./support/golden.js";
import { goldenDir, planScenario, plannedScenarioNames, scenarioProviderSchemaFor, scenarioSchemaFor, type ScenarioPlan } from "./support/scenario-plans.js";

type Json = Record<string, unknown>;

function jsonFor(s: ScenarioPlan): { text: string; doc: Json } {
  const opts = { schemaFor: scenarioSchemaFor, providerSchemaFor: scenarioProviderSchemaFor, config: s.config, version: "0.0.0-test" };
  return { text: planToJSONText(s.plan, opts), doc: planToJSON(s.plan, opts) };
}

function change(doc: Json, address: string): Json {
  const rc = (doc.resource_changes as Json[]).find((c) => c.address === address);
  assert.ok(rc, `no resource_change for ${address}`);
  return rc.change as Json;
}

const plans = new Map<string, ScenarioPlan>();
async function scenario(name: string): Promise<ScenarioPlan> {
  let s = plans.get(name);
  if (s === undefined) {
    s = await planScenario(name);
    assert.ok(s, `${name} plans`);
    plans.set(name, s);
  }
  return s;
}

for (const name of plannedScenarioNames()) {
  test(`json plan: ${name} matches its golden file and the schema`, async () => {
    const s = await planScenario(name);
    plans.set(name, s);
    const { text, doc } = jsonFor(s);
    assert.deepEqual(validatePlanJson(doc), []);
    assertGolden(join(goldenDir, "json-plan", `${name}.json`), normalizeRunText(indentLikeGo(text)) + "\n");
  });
}

test("json plan: create has before null, unknowns in after_unknown, schema-sensitive values flagged but present", async () => {
  const { doc } = jsonFor(await scenario("sensitive-values"));
  const c = change(doc, "test_thing.a");
  assert.deepEqual(c.actions, ["create"]);
  assert.equal(c.before, null);
  assert.equal(c.before_sensitive, false);
  // A known collection is an empty object/array in after_unknown, not false (Terraform keeps it).
  assert.deepEqual(c.after_unknown, { id: true, zone: true, tags: {}, rule: [] });
  assert.deepEqual(c.after_sensitive, { password: true, tags: { secret: true }, rule: [] });
  // Terraform prints sensitive values in before/after and flags them: tools must read *_sensitive.
  assert.equal((c.after as Json).password, "hunter2");
  assert.equal("id" in (c.after as Json), false, "unknown attributes are left out of after");
  const oc = (doc.output_changes as Json).pw as Json;
  assert.deepEqual([oc.before_sensitive, oc.after_sensitive, oc.after_unknown], [true, true, false]);
  const planned = ((doc.planned_values as Json).root_module as Json).resources as Json[];
  assert.equal("id" in (planned[0]!.values as Json), false);
  assert.deepEqual(planned[0]!.sensitive_values, { password: true, tags: { secret: true }, rule: [] });
});

test("json plan: delete has after null, after_unknown {} and after_sensitive false; reasons as Terraform spells them", async () => {
  const { doc } = jsonFor(await scenario("delete-no-config"));
  const rcs = doc.resource_changes as Json[];
  const del = rcs.find((r) => (r.change as Json).actions instanceof Array && ((r.change as Json).actions as string[])[0] === "delete");
  assert.ok(del);
  const c = del.change as Json;
  assert.equal(c.after, null);
  assert.deepEqual(c.after_unknown, {});
  assert.equal(c.after_sensitive, false);
  assert.equal(del.action_reason, "delete_because_no_resource_config");
});

test("json plan: replace reasons, replace_paths and previous_address", async () => {
  const tainted = jsonFor(await scenario("replace-tainted")).doc;
  assert.equal((tainted.resource_changes as Json[]).find((r) => r.address === "test_thing.a")?.action_reason, "replace_because_tainted");
  const cannot = jsonFor(await scenario("replace-cannot-update")).doc;
  const rc = (cannot.resource_changes as Json[]).find((r) => r.action_reason === "replace_because_cannot_update");
  assert.ok(rc);
  assert.deepEqual((rc.change as Json).replace_paths, [["name"]]);
  assert.deepEqual((rc.change as Json).actions, ["delete", "create"]);
  const cbd = jsonFor(await scenario("replace-create-before-destroy")).doc;
  assert.ok((cbd.resource_changes as Json[]).some((r) => JSON.stringify((r.change as Json).actions) === '["create","delete"]'));
  const moved = jsonFor(await scenario("moved")).doc;
  assert.ok((moved.resource_changes as Json[]).some((r) => typeof r.previous_address === "string"));
});

test("json plan: configuration expressions carry constants and references", async () => {
  const { doc } = jsonFor(await scenario("sensitive-values"));
  const root = (doc.configuration as Json).root_module as Json;
  const res = (root.resources as Json[])[0]!;
  assert.equal(res.provider_config_key, "test");
  const ex = res.expressions as Json;
  assert.deepEqual(ex.name, { constant_value: "a" });
  assert.deepEqual(ex.password, { references: ["var.pw"] });
  assert.deepEqual((root.variables as Json).pw, { type: "dynamic", default: "hunter2", sensitive: true });
  assert.deepEqual(((doc.configuration as Json).provider_config as Json).test, { name: "test", full_name: "example.com/test/test" });
});

test("json plan: the schema rejects a misspelt field and a wrong action pair", async () => {
  const { doc } = jsonFor(await scenario("sensitive-values"));
  const bad = structuredClone(doc);
  ((bad.resource_changes as Json[])[0]!.change as Json).after_unknwn = {};
  assert.notDeepEqual(validatePlanJson(bad), []);
  const bad2 = structuredClone(doc);
  ((bad2.resource_changes as Json[])[0]!.change as Json).actions = ["update", "create"];
  assert.notDeepEqual(validatePlanJson(bad2), []);
});
