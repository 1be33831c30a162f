// A no-op change keeps the prior object itself as its planned value, and no provider answer (the apply never
// asks again for a no-op): what a plan of a large unchanged configuration keeps alive is what state held.
// Changes that are not no-ops keep the provider's answer for the apply (apply-replan.test.ts).

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";
import { rawEquals } from "../../lang/values/value.js";

const TP = `terraform {\n  required_providers {\n    test = { source = "example.com/test/test" }\n  }\n}\n`;

interface Row {
  readonly name: string;
  readonly before: string;
  readonly config: string;
  readonly action: string;
  /** `after` is the very object `before` is. */
  readonly afterIsBefore: boolean;
  readonly keepsAnswer: boolean;
}

const secret = `variable "secret" {\n  type      = string\n  default   = "s3cret"\n  sensitive = true\n}\n`;

const rows: Row[] = [
  { name: "unchanged", before: `resource "test_thing" "a" { name = "a" }\n`, config: `resource "test_thing" "a" { name = "a" }\n`, action: "no-op", afterIsBefore: true, keepsAnswer: false },
  {
    name: "unchanged with a sensitive argument (the marks are equal too)",
    before: secret + `resource "test_thing" "a" { name = var.secret }\n`,
    config: secret + `resource "test_thing" "a" { name = var.secret }\n`,
    action: "no-op",
    afterIsBefore: true,
    keepsAnswer: false,
  },
  {
    name: "an update",
    before: `resource "test_thing" "a" { name = "a" }\n`,
    config: `resource "test_thing" "a" {\n  name = "a"\n  zone = "zone-b"\n}\n`,
    action: "update",
    afterIsBefore: false,
    keepsAnswer: true,
  },
];

for (const row of rows) {
  test(`no-op planned value: ${row.name}`, async () => {
    const { h: first } = await harness(writeConfig({ "main.tf": TP + row.before }));
    const applied = await first!.converge();
    assert.deepEqual(applied.diags.filter((d) => d.severity === "error"), []);
    const { h } = await harness(writeConfig({ "main.tf": TP + row.config }), { cloud: first!.cloud });
    const planned = await h!.plan(applied.state);
    assert.ok(planned.plan, JSON.stringify(planned.diags));
    const change = planned.plan.resourceChanges.find((c) => c.addr.toString() === "test_thing.a");
    assert.ok(change);
    assert.equal(change.action, row.action);
    assert.equal(change.after === change.before, row.afterIsBefore);
    assert.equal(change.plannedWith !== undefined, row.keepsAnswer);
    if (row.afterIsBefore) assert.ok(rawEquals(change.after, change.before));
  });
}
