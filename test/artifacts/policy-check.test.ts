// A policy check as OPA/conftest or Sentinel would write it against Terraform's JSON plan: read only the
// documented fields of resource_changes and deny any plan that deletes a cluster_volume (a delete or either
// kind of replace). The cluster_volume plans are built with the real Plan model types and rendered by the
// real JSON plan code; a destroy-mode plan from the planner core checks the same rule on real planner output.

import { test } from "node:test";
import assert from "node:assert/strict";
import { planToJSONText } from "../../cmd/views/json/plan.js";
import { AbsProviderConfig, Module, ModuleInstance, Provider, Resource, intKey } from "../../addrs/index.js";
import { nullVal, objectVal, stringVal, unknownVal } from "../../lang/values/value.js";
import { StringType, objectOf } from "../../lang/values/types.js";
import type { Action, Plan, ResourceInstanceChange } from "../../planner/plan/model.js";
import { emptyState } from "../../state/model.js";
import { validatePlanJson } from "./support/plan-schema.js";

interface PolicyResult {
  readonly allowed: boolean;
  readonly violations: readonly string[];
}

/** The policy, written against the JSON text only, as an external tool sees it. */
function denyVolumeDeletes(planJson: string): PolicyResult {
  const doc = JSON.parse(planJson) as { resource_changes?: { address: string; type: string; mode: string; change: { actions: string[] } }[] };
  const violations = (doc.resource_changes ?? [])
    .filter((rc) => rc.mode === "managed" && rc.type === "cluster_volume" && rc.change.actions.includes("delete"))
    .map((rc) => `${rc.address}: deleting a cluster_volume is not allowed (actions ${JSON.stringify(rc.change.actions)})`);
  return { allowed: violations.length === 0, violations };
}

const provider = new AbsProviderConfig(Module.root, Provider.implied("cluster"));
const volType = objectOf({ id: StringType, name: StringType, size: StringType });

function volumeChange(name: string, index: number | undefined, action: Action): ResourceInstanceChange {
  const addr = new Resource("managed", "cluster_volume", name).instance(index === undefined ? undefined : intKey(index)).absolute(ModuleInstance.root);
  const prior = objectVal({ id: stringVal(`vol-${name}`), name: stringVal(name), size: stringVal("10Gi") });
  const planned = objectVal({ id: unknownVal(StringType), name: stringVal(name), size: stringVal("20Gi") });
  return {
    addr,
    providerAddr: provider,
    action,
    before: action === "create" ? nullVal(volType) : prior,
    after: action === "delete" ? nullVal(volType) : action === "update" ? objectVal({ id: stringVal(`vol-${name}`), name: stringVal(name), size: stringVal("20Gi") }) : planned,
    requiredReplace: [],
    ...(action === "delete" ? { actionReason: "delete_because_no_resource_config" as const } : {}),
  };
}

function planOf(changes: ResourceInstanceChange[]): Plan {
  const state = emptyState("0.0.0-test");
  return {
    mode: "normal",
    checks: null,
    resourceChanges: changes,
    outputChanges: [],
    driftedResources: [],
    prevRunState: state,
    priorState: state,
    variableValues: new Map(),
    targetAddrs: [],
    excludeAddrs: [],
    forceReplaceAddrs: [],
    timestamp: new Date("2024-01-01T00:00:00Z"),
    applyable: true,
    complete: true,
    errored: false,
  };
}

const jsonOf = (p: Plan): string => planToJSONText(p, { schemaFor: () => undefined });

test("policy: creates and in-place updates of volumes pass", () => {
  const text = jsonOf(planOf([volumeChange("a", undefined, "create"), volumeChange("b", 0, "update")]));
  assert.deepEqual(validatePlanJson(JSON.parse(text)), []);
  assert.deepEqual(denyVolumeDeletes(text), { allowed: true, violations: [] });
});

test("policy: a delete and both kinds of replace of a volume are denied, each named", () => {
  const text = jsonOf(
    planOf([volumeChange("a", undefined, "delete"), volumeChange("b", 0, "delete-then-create"), volumeChange("b", 1, "create-then-delete"), volumeChange("c", undefined, "update")]),
  );
  assert.deepEqual(validatePlanJson(JSON.parse(text)), []);
  const r = denyVolumeDeletes(text);
  assert.equal(r.allowed, false);
  assert.deepEqual(r.violations, [
    'cluster_volume.a: deleting a cluster_volume is not allowed (actions ["delete"])',
    'cluster_volume.b[0]: deleting a cluster_volume is not allowed (actions ["delete","create"])',
    'cluster_volume.b[1]: deleting a cluster_volume is not allowed (actions ["create","delete"])',
  ]);
});

test("policy: a real planner delete (destroy mode) is denied for the test provider's type too", async () => {
  const { planScenario, scenarioSchemaFor } = await import("./support/scenario-plans.js");
  const s = (await planScenario("destroy-mode"));
  const text = planToJSONText(s.plan, { schemaFor: scenarioSchemaFor });
  const doc = JSON.parse(text) as { resource_changes: { type: string; change: { actions: string[] } }[] };
  assert.ok(doc.resource_changes.some((rc) => rc.change.actions.includes("delete")), "destroy plan has deletes");
  // The same policy keyed on test_thing instead of cluster_volume.
  const denied = doc.resource_changes.filter((rc) => rc.type === "test_thing" && rc.change.actions.includes("delete"));
  assert.ok(denied.length > 0);
});
