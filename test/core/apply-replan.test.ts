// An apply in the same run as its plan asks the provider to plan again only when the question changed: the
// configuration known only now, another prior object, or a plan read back from a file (which does not carry
// the provider's answer). Each row counts PlanResourceChange calls per address during the apply.

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";
import { decodePlan, encodePlan } from "../../planner/planfile/plan-codec.js";
import type { Plan } from "../../planner/plan/model.js";
import type { StateFile } from "../../state/model.js";
import type { TestThingCloud } from "../providers/support/test-thing-cloud.js";

const TP = `terraform {\n  required_providers {\n    test = { source = "example.com/test/test" }\n  }\n}\n`;

interface Row {
  readonly name: string;
  /** Applied first (state for the row's plan), when the row plans against an existing object. */
  readonly before?: string;
  readonly config: string;
  /** Round-trip the plan through the plan file's encoding before applying it. */
  readonly saved?: boolean;
  /** The planned action of test_thing.a. */
  readonly action: string;
  /** PlanResourceChange calls during the apply, by address. */
  readonly asked: Record<string, number>;
}

const rows: Row[] = [
  { name: "a create whose configuration was known at plan time", config: `resource "test_thing" "a" { name = "a" }\n`, action: "create", asked: { "test_thing.a": 0 } },
  {
    name: "a configuration known only after its dependency's apply",
    config: `resource "test_thing" "a" { name = "a" }\nresource "test_thing" "b" { name = "b-\${test_thing.a.id}" }\n`,
    action: "create",
    asked: { "test_thing.a": 0, "test_thing.b": 1 },
  },
  { name: "an update of an existing object", before: `resource "test_thing" "a" { name = "a" }\n`, config: `resource "test_thing" "a" {\n  name = "a"\n  zone = "zone-b"\n}\n`, action: "update", asked: { "test_thing.a": 0 } },
  { name: "a replacement (the plan asked again without the prior object)", before: `resource "test_thing" "a" { name = "a" }\n`, config: `resource "test_thing" "a" { name = "a2" }\n`, action: "delete-then-create", asked: { "test_thing.a": 0 } },
  { name: "a plan read back from its file", config: `resource "test_thing" "a" { name = "a" }\n`, saved: true, action: "create", asked: { "test_thing.a": 1 } },
  {
    name: "a sensitive argument (marks are part of the question)",
    config: `variable "secret" {\n  type      = string\n  default   = "s3cret"\n  sensitive = true\n}\nresource "test_thing" "a" { name = var.secret }\n`,
    action: "create",
    asked: { "test_thing.a": 0 },
  },
];

for (const row of rows) {
  test(`apply-time plan: ${row.name}`, async () => {
    let state: StateFile | undefined;
    let cloud: TestThingCloud | undefined;
    if (row.before !== undefined) {
      const { h } = await harness(writeConfig({ "main.tf": TP + row.before }));
      const first = await h!.converge();
      assert.deepEqual(first.diags.filter((d) => d.severity === "error"), []);
      state = first.state;
      cloud = h!.cloud;
    }
    const asked = new Map<string, number>();
    let applying = false;
    const { h } = await harness(writeConfig({ "main.tf": TP + row.config }), {
      ...(cloud !== undefined ? { cloud } : {}),
      setup: (p) => {
        const plan = p.planResourceChange.bind(p);
        p.planResourceChange = (req) => {
          if (applying) asked.set(req.address ?? "", (asked.get(req.address ?? "") ?? 0) + 1);
          return plan(req);
        };
      },
    });
    const planned = await h!.plan(state);
    assert.ok(planned.plan, JSON.stringify(planned.diags));
    let plan: Plan = planned.plan;
    assert.equal(plan.resourceChanges.find((c) => c.addr.toString() === "test_thing.a")?.action, row.action);
    if (row.saved === true) {
      const back = decodePlan(JSON.parse(JSON.stringify(encodePlan(plan))));
      assert.ok(back.ok, JSON.stringify(back));
      plan = back.value;
    }
    applying = true;
    const applied = await h!.apply(plan, state);
    assert.deepEqual(applied.diags.filter((d) => d.severity === "error"), []);
    assert.deepEqual(Object.fromEntries(Object.keys(row.asked).map((a) => [a, asked.get(a) ?? 0])), row.asked);
    // Either way the apply leaves what the plan said: a second plan has nothing to do.
    const again = await h!.plan(applied.state);
    assert.deepEqual(
      again.plan!.resourceChanges.filter((c) => c.action !== "no-op").map((c) => c.addr.toString()),
      [],
    );
  });
}
