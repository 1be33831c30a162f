// Saved plans: every core scenario's plan survives a write/read round trip exactly (values with unknowns and
// sensitive marks, addresses, reasons, states), encrypted files need the key, and `apply FILE` refuses a
// plan whose state lineage differs, whose state serial moved on, or whose configuration changed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planToJSONText } from "../../cmd/views/json/plan.js";
import { checkPlanApplicable, isPlanFileBytes, readPlanFile, snapshotConfigFiles, writePlanFile, type PlanEncryption } from "../../planner/planfile/index.js";
import { rawEquals } from "../../lang/values/value.js";
import type { StateFile } from "../../state/model.js";
import { planScenario, plannedScenarioNames, scenarioSchemaFor, type ScenarioPlan } from "./support/scenario-plans.js";

const tmp = (): string => mkdtempSync(join(tmpdir(), "cairn-planfile-"));

/** AES-256-GCM, the shape state/encryption provides: [iv 12][tag 16][ciphertext]. */
function aesHook(key: Buffer): PlanEncryption {
  return {
    encrypt(bytes) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([c.update(bytes), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(bytes) {
      const b = Buffer.from(bytes);
      const d = createDecipheriv("aes-256-gcm", key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]);
    },
  };
}

async function roundTrip(s: ScenarioPlan, encryption?: PlanEncryption) {
  const path = join(tmp(), "tfplan");
  const configSnapshot = snapshotConfigFiles(s.dir);
  assert.deepEqual(await writePlanFile(path, { plan: s.plan, configSnapshot, cairnVersion: "0.0.0-test" }, { encryption }), []);
  const r = await readPlanFile(path, { encryption });
  assert.deepEqual(r.diags, []);
  return { path, planFile: r.planFile!, configSnapshot };
}

for (const name of plannedScenarioNames()) {
  test(`saved plan: ${name} round-trips exactly`, async () => {
    const s = await planScenario(name);
    const { planFile, configSnapshot } = await roundTrip(s);
    const a = s.plan;
    const b = planFile.plan;
    assert.equal(b.resourceChanges.length, a.resourceChanges.length);
    a.resourceChanges.forEach((c, i) => {
      const d = b.resourceChanges[i]!;
      assert.equal(d.addr.toString(), c.addr.toString());
      assert.equal(d.action, c.action);
      assert.equal(d.actionReason, c.actionReason);
      assert.ok(rawEquals(d.before, c.before), `${c.addr} before`);
      assert.ok(rawEquals(d.after, c.after), `${c.addr} after (unknowns and marks kept)`);
      assert.equal(JSON.stringify(d.requiredReplace.map((p) => p.map((st) => (st.kind === "attr" ? st.name : String(st.key.raw))))), JSON.stringify(c.requiredReplace.map((p) => p.map((st) => (st.kind === "attr" ? st.name : String(st.key.raw))))));
    });
    for (const [k, v] of a.variableValues) assert.ok(rawEquals(planFile.variableValues.get(k)!, v), `variable ${k}`);
    assert.deepEqual(planFile.priorState, JSON.parse(JSON.stringify(a.priorState)) as StateFile);
    assert.deepEqual(planFile.configSnapshot.map((f) => f.name), configSnapshot.map((f) => f.name));
    // The strongest check: the JSON plan of the re-read plan is byte for byte the original's.
    const opts = { schemaFor: scenarioSchemaFor, config: s.config, version: "x" };
    assert.equal(planToJSONText(b, opts), planToJSONText(a, opts));
  });
}

test("saved plan: an encrypted plan file needs the key, and the wrong key is refused", async () => {
  const s = (await planScenario("sensitive-values"));
  const key = randomBytes(32);
  const { path } = await roundTrip(s, aesHook(key));
  const bytes = readFileSync(path);
  assert.ok(isPlanFileBytes(bytes));
  assert.equal(bytes.includes(Buffer.from("hunter2")), false, "no plaintext secret in the file");
  const noKey = await readPlanFile(path);
  assert.equal(noKey.planFile, undefined);
  assert.equal(noKey.diags[0]!.summary, `Failed to load "${path}" as a plan file`);
  assert.match(noKey.diags[0]!.detail!, /encrypted/);
  const wrong = await readPlanFile(path, { encryption: aesHook(randomBytes(32)) });
  assert.match(wrong.diags[0]!.detail!, /could not be decrypted/);
});

test("saved plan: a state file or a damaged file is not a plan", async () => {
  const dir = tmp();
  writeFileSync(join(dir, "state"), '{"version":4}');
  assert.match((await readPlanFile(join(dir, "state"))).diags[0]!.detail!, /header/);
  const s = (await planScenario("create-terraform-data"));
  const { path } = await roundTrip(s);
  const bytes = readFileSync(path);
  writeFileSync(path, bytes.subarray(0, bytes.length - 20));
  assert.match((await readPlanFile(path)).diags[0]!.detail!, /damaged/);
  assert.match((await readPlanFile(join(dir, "missing"))).diags[0]!.detail!, /no such file or directory/);
});

test("apply FILE: lineage, serial and configuration checks with Terraform's messages", async () => {
  const s = (await planScenario("update-in-place"));
  const read = await roundTrip(s);
  const configSnapshot = read.configSnapshot;
  // As if the state store had written the prior state three times before the plan was made.
  const prior: StateFile = { ...read.planFile.priorState, serial: 3 };
  const planFile = { ...read.planFile, priorState: prior };
  assert.ok(prior.resources.length > 0);
  assert.deepEqual(checkPlanApplicable(planFile, prior, configSnapshot), [], "unchanged state and configuration");

  const other: StateFile = { ...prior, lineage: "00000000-0000-4000-8000-000000000000" };
  const lineage = checkPlanApplicable(planFile, other, configSnapshot);
  assert.deepEqual(lineage.map((d) => [d.summary, d.detail]), [
    ["Saved plan does not match the given state", "The given plan file can not be applied because it was created from a different state lineage."],
  ]);

  const moved: StateFile = { ...prior, serial: prior.serial + 1 };
  assert.deepEqual(checkPlanApplicable(planFile, moved, configSnapshot).map((d) => [d.summary, d.detail]), [
    ["Saved plan is stale", "The given plan file can no longer be applied because the state was changed by another operation after the plan was created."],
  ]);

  const edited = configSnapshot.map((f) => (f.name === "main.tf" ? { name: f.name, bytes: Buffer.concat([Buffer.from(f.bytes), Buffer.from("\n# edited\n")]) } : f));
  const cfg = checkPlanApplicable(planFile, prior, [...edited, { name: "extra.tf", bytes: Buffer.from("") }]);
  assert.equal(cfg.length, 1);
  assert.equal(cfg[0]!.summary, "Saved plan does not match the configuration");
  assert.match(cfg[0]!.detail!, /main\.tf was modified, extra\.tf was added/);
});

test("apply FILE: a first plan (no state yet) applies while no state exists, and is stale once one was written", async () => {
  const s = (await planScenario("create-terraform-data"));
  const { planFile, configSnapshot } = await roundTrip(s);
  assert.equal(planFile.priorState.serial, 0);
  assert.deepEqual(checkPlanApplicable(planFile, undefined, configSnapshot), []);
  const written: StateFile = { ...planFile.priorState, lineage: "11111111-1111-4111-8111-111111111111", serial: 1 };
  assert.equal(checkPlanApplicable(planFile, written, configSnapshot)[0]!.summary, "Saved plan is stale");
});
