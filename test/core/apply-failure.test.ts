// A provider error mid-apply: the failed create is recorded tainted, its dependents are upstream-failed (not
// reported again), independent branches complete, and the state keeps every completed change.

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";

const TP = `terraform {\n  required_providers {\n    test = { source = "example.com/test/test" }\n  }\n}\n`;

test("failed create is tainted; dependents skipped; independent resources applied", async () => {
  const dir = writeConfig({
    "main.tf": `${TP}
resource "test_thing" "a" { name = "a" }
resource "test_thing" "b" { name = "b-\${test_thing.a.id}" }
resource "test_thing" "c" { name = "c" }
`,
  });
  const { h } = await harness(dir, { setup: (p) => p.failOnApply("a", "after") });
  const p = await h!.plan(undefined);
  const a = await h!.apply(p.plan!, undefined);
  const errors = a.diags.filter((d) => d.severity === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0]!.address, "test_thing.a");
  assert.equal(errors[0]!.summary, "Error applying test_thing");
  const byName = new Map(a.state.resources.map((r) => [r.name, r]));
  assert.equal(byName.get("a")!.instances[0]!.status, "tainted");
  assert.ok(byName.has("c"), "independent branch completed");
  assert.ok(!byName.has("b"), "dependent of the failure not started");
  // Next plan: replace the tainted object and create the skipped one.
  const { h: h2 } = await harness(dir, { cloud: h!.cloud });
  const p2 = await h2!.plan(a.state);
  const actions = p2.plan!.resourceChanges.filter((c) => c.action !== "no-op").map((c) => `${c.addr} ${c.action} ${c.actionReason ?? ""}`.trim());
  assert.deepEqual(actions, ["test_thing.a delete-then-create replace_because_tainted", "test_thing.b create"]);
});

test("a failure before anything was created records nothing and abandons the intent", async () => {
  const dir = writeConfig({ "main.tf": `${TP}resource "test_thing" "a" { name = "a" }\n` });
  const { h } = await harness(dir, { setup: (p) => p.failOnApply("a", "before") });
  const p = await h!.plan(undefined);
  const a = await h!.apply(p.plan!, undefined);
  assert.equal(a.diags.filter((d) => d.severity === "error").length, 1);
  assert.equal(a.state.resources.length, 0);
  assert.equal(h!.cloud.size, 0);
});
