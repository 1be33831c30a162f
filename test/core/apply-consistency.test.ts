// The apply-time consistency check ("Provider produced inconsistent result after apply"), and a failed
// postcondition at apply, which is an error but leaves the object as it is (not tainted), as Terraform 1.11
// does (test/conformance/scenarios/cases/postcondition-fail).

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";
import { objectVal, stringVal, type Value } from "../../lang/values/value.js";
import { inconsistencies } from "../../planner/apply/consistency.js";
import { DynamicVal } from "../../lang/values/value.js";

const TP = `terraform {\n  required_providers {\n    test = { source = "example.com/test/test" }\n  }\n}\n`;

/** A provider bug: the applied object's `zone` differs from the planned, known value. */
function changeZoneAfterApply(p: { applyResourceChange: (req: never) => Promise<{ newState: Value }> }): void {
  const orig = p.applyResourceChange.bind(p);
  p.applyResourceChange = (async (req: never) => {
    const r = await orig(req);
    if (r.newState.isNull()) return r;
    const m = new Map(r.newState.asEntries());
    m.set("zone", stringVal("zone-b"));
    return { ...r, newState: objectVal(m) };
  }) as never;
}

test("inconsistencies: known planned values must come back; unknown ones may be filled in", () => {
  const planned = objectVal({ a: stringVal("x"), b: DynamicVal, m: objectVal({ k: stringVal("1") }) });
  assert.deepEqual(inconsistencies(planned, objectVal({ a: stringVal("x"), b: stringVal("anything"), m: objectVal({ k: stringVal("1") }) })), []);
  assert.deepEqual(inconsistencies(planned, objectVal({ a: stringVal("y"), b: stringVal("z"), m: objectVal({ k: stringVal("2") }) })), [
    '.a: was "x", but now "y"',
    '.m.k: was "1", but now "2"',
  ]);
});

test("a provider returning a different value than planned: inconsistent result error, create recorded tainted", async () => {
  const dir = writeConfig({ "main.tf": `${TP}resource "test_thing" "a" {\n  name = "a"\n  zone = "zone-a"\n}\nresource "test_thing" "b" { name = "b-\${test_thing.a.id}" }\n` });
  const { h } = await harness(dir, { setup: (p) => changeZoneAfterApply(p as never) });
  const p = await h!.plan(undefined);
  const a = await h!.apply(p.plan!, undefined);
  const errors = a.diags.filter((d) => d.severity === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0]!.summary, "Provider produced inconsistent result after apply");
  assert.equal(
    errors[0]!.detail,
    'When applying changes to test_thing.a, provider "provider[\\"example.com/test/test\\"]" produced an unexpected new value: .zone: was "zone-a", but now "zone-b".\n\nThis is a bug in the provider, which should be reported in the provider\'s own issue tracker.',
  );
  const byName = new Map(a.state.resources.map((r) => [r.name, r]));
  const inst = byName.get("a")!.instances[0]!;
  assert.equal(inst.status, "tainted");
  assert.equal((inst.attributes as Record<string, unknown>).zone, "zone-b", "the real object is recorded as the provider returned it");
  assert.ok(!byName.has("b"), "the dependent of the failed instance did not start");
});

test("a postcondition failing at apply is an error and does not taint; the next plan does not replace", async () => {
  const dir = writeConfig({
    "main.tf": `${TP}resource "test_thing" "a" {
  name = "a"
  lifecycle {
    postcondition {
      condition     = self.zone == "zone-z"
      error_message = "The thing must be in zone-z."
    }
  }
}
`,
  });
  const { h } = await harness(dir);
  const p = await h!.plan(undefined);
  assert.ok(p.plan, JSON.stringify(p.diags));
  const a = await h!.apply(p.plan!, undefined);
  const errors = a.diags.filter((d) => d.severity === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0]!.summary, "Resource postcondition failed");
  assert.equal(a.state.resources[0]!.instances[0]!.status, undefined);
  const { h: h2 } = await harness(dir, { cloud: h!.cloud });
  const p2 = await h2!.plan(a.state);
  const change = p2.plan?.resourceChanges.find((c) => c.addr.toString() === "test_thing.a");
  assert.notEqual(change?.action, "delete-then-create");
});
