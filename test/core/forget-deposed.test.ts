// `removed { lifecycle { destroy = false } }` (forget: the object leaves state and stays in the cloud, with
// Terraform's warning) and deposed objects (destroyed by the next apply). The rendered plans are golden files
// in scenarios/forget and scenarios/deposed-delete.

import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { harness, writeConfig } from "./support/harness.js";

const TP = `terraform {\n  required_providers {\n    test = { source = "example.com/test/test" }\n  }\n}\n`;

test("forget: warning naming the object, applyable, state lets go, the object stays", async () => {
  const dir = writeConfig({ "main.tf": `${TP}resource "test_thing" "a" { name = "kept" }\n` });
  const { h } = await harness(dir);
  const first = await h!.converge();
  writeFileSync(join(dir, "main.tf"), `${TP}removed {\n  from = test_thing.a\n  lifecycle {\n    destroy = false\n  }\n}\n`);
  const { h: h2 } = await harness(dir, { cloud: h!.cloud });
  const p = await h2!.plan(first.state);
  const warning = p.diags.find((d) => d.severity === "warning");
  assert.equal(warning?.summary, "Some objects will no longer be managed by Cairn");
  assert.equal(
    warning?.detail,
    "If you apply this plan, Cairn will discard its tracking information for the following objects, but it will not delete them:\n - test_thing.a\n\nAfter applying this plan, Cairn will no longer manage these objects. You will need to import them into Cairn to manage them again.",
  );
  assert.equal(p.plan!.applyable, true);
  assert.deepEqual(p.plan!.resourceChanges.map((c) => c.action), ["forget"]);
  const a = await h2!.apply(p.plan!, first.state);
  assert.equal(a.state.resources.length, 0);
  assert.ok(h!.cloud.findByName("kept"), "the real object was not deleted");
});

test("a deposed object is planned for deletion and the apply deletes it through the provider", async () => {
  const dir = writeConfig({ "main.tf": `${TP}resource "test_thing" "a" { name = "old" }\n` });
  const { h } = await harness(dir);
  const first = await h!.converge();
  const inst = first.state.resources[0]!.instances[0]!;
  inst.deposed = "0badc0de";
  const { h: h2 } = await harness(dir, { cloud: h!.cloud });
  const p = await h2!.plan(first.state);
  const deposed = p.plan!.resourceChanges.find((c) => c.deposedKey !== undefined);
  assert.equal(deposed?.action, "delete");
  assert.equal(deposed?.deposedKey, "0badc0de");
  const a = await h2!.apply(p.plan!, first.state);
  assert.deepEqual(a.diags.filter((d) => d.severity === "error"), []);
  const objects = a.state.resources[0]!.instances;
  assert.equal(objects.length, 1);
  assert.equal(objects[0]!.deposed, undefined);
  assert.equal(h!.cloud.size, 1, "the deposed object was deleted");
  assert.equal(h!.cloud.findByName("old")?.id, (objects[0]!.attributes as { id: string }).id, "only the new object is left in the cloud");
});
