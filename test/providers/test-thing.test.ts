// The test-only provider behaves like a real one: lifecycle order, plan defaults and replacement, apply
// against its in-memory cloud, failure injection, lookup by client token across provider instances
// (crash recovery), refresh of deleted objects, import, and the data source. Also the registry and the
// private-data format shared with state/.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Provider } from "../../addrs/index.js";
import { NullDynamic, type Value } from "../../lang/values/value.js";
import { assertPlanValid, blockValue, builtinProviders, getAttr, privateWithClientToken, ProviderRegistry, proposedNewState, TerraformProvider, valueGoString } from "../../providers/index.js";
import { clientTokenOf } from "../../state/private.js";
import { TestThingCloud } from "./support/test-thing-cloud.js";
import { TestThingProvider, registerTestProvider, testProviderAddr } from "./support/test-thing-provider.js";
import { testThingDataSchema, testThingSchema, testThingType, thingConfig } from "./support/test-thing-schema.js";

const block = testThingSchema.block;

async function configured(cloud = new TestThingCloud()): Promise<TestThingProvider> {
  const p = new TestThingProvider(cloud);
  await p.configureProvider({ cairnVersion: "0.0.0-test", config: blockValue((await p.getSchema()).provider.block, {}) });
  return p;
}

async function planAndApply(p: TestThingProvider, prior: Value, config: Value, token: string) {
  const proposed = proposedNewState(block, prior, config);
  const plan = await p.planResourceChange({ typeName: testThingType, priorState: prior, proposedNewState: proposed, config });
  const invalid = assertPlanValid({ schema: block, prior, config, planned: plan.plannedState, provider: testProviderAddr.toString(), address: "test_thing.a" });
  const applied = await p.applyResourceChange({ typeName: testThingType, priorState: prior, plannedState: plan.plannedState, config, clientToken: token });
  return { plan, invalid, applied };
}

const show = (v: Value, attr: string): string => {
  const a = getAttr(v, attr);
  return a.isKnown() ? valueGoString(a) : "(known after apply)";
};

describe("test_thing provider", () => {
  it("refuses configured operations before configureProvider", async () => {
    const p = new TestThingProvider();
    const r = await p.readResource({ typeName: testThingType, priorState: thingConfig({ name: "a" }) });
    assert.equal(r.diagnostics[0]!.summary, "Provider not configured");
  });

  it("creates with unknown computed values in the plan and known ones after apply", async () => {
    const p = await configured();
    const { plan, invalid, applied } = await planAndApply(p, NullDynamic, thingConfig({ name: "a", size: 2, rules: [{ port: 80 }] }), "tok-a");
    assert.deepEqual(invalid, []);
    assert.equal(show(plan.plannedState, "id"), "(known after apply)");
    assert.equal(show(plan.plannedState, "zone"), "(known after apply)");
    assert.equal(show(getAttr(plan.plannedState, "rule").asElements()[0]!, "protocol"), 'cty.StringVal("tcp")');
    assert.deepEqual(applied.diagnostics, []);
    assert.equal(show(applied.newState, "id"), 'cty.StringVal("thing-1")');
    assert.equal(show(applied.newState, "zone"), 'cty.StringVal("zone-a")');
    assert.ok(applied.newState.isWhollyKnown());
    assert.equal(p.cloud.size, 1);
  });

  it("plans replacement when the name changes, an update otherwise", async () => {
    const p = await configured();
    const created = (await planAndApply(p, NullDynamic, thingConfig({ name: "a", size: 1 }), "t")).applied.newState;
    const rename = await p.planResourceChange({ typeName: testThingType, priorState: created, proposedNewState: proposedNewState(block, created, thingConfig({ name: "b", size: 1 })), config: thingConfig({ name: "b", size: 1 }) });
    assert.deepEqual(rename.requiresReplace, [[{ kind: "attr", name: "name" }]]);
    const resize = await planAndApply(p, created, thingConfig({ name: "a", size: 5 }), "t2");
    assert.deepEqual(resize.plan.requiresReplace, []);
    assert.equal(show(resize.applied.newState, "size"), "cty.NumberIntVal(5)");
    assert.equal(show(resize.applied.newState, "id"), 'cty.StringVal("thing-1")');
    assert.equal(p.cloud.size, 1);
  });

  const failureCases = [
    { mode: "before" as const, objects: 0, stateNull: true },
    { mode: "after" as const, objects: 1, stateNull: false },
  ];
  for (const c of failureCases) {
    it(`fails on apply for a chosen name (${c.mode} creating)`, async () => {
      const p = (await configured()).failOnApply("bad", c.mode);
      const ok = await planAndApply(p, NullDynamic, thingConfig({ name: "good" }), "t1");
      assert.deepEqual(ok.applied.diagnostics, []);
      const bad = await planAndApply(p, NullDynamic, thingConfig({ name: "bad" }), "t2");
      assert.equal(bad.applied.diagnostics[0]!.summary, "Error applying test_thing");
      assert.equal(bad.applied.diagnostics[0]!.detail, 'The test provider was told to fail for the thing named "bad".');
      assert.equal(bad.applied.newState.isNull(), c.stateNull);
      assert.equal(p.cloud.size, 1 + c.objects);
    });
  }

  it("finds an object by client token from a new provider instance (crash recovery)", async () => {
    const cloud = new TestThingCloud();
    const before = await configured(cloud);
    await planAndApply(before, NullDynamic, thingConfig({ name: "a" }), "tok-a");
    const after = await configured(cloud);
    const found = await after.lookupByClientToken({ typeName: testThingType, clientToken: "tok-a" });
    assert.equal(show(found.found!.state, "id"), 'cty.StringVal("thing-1")');
    assert.equal(clientTokenOf({ schema_version: 0, attributes: {}, sensitive_attributes: [], private: found.found!.private! }), "tok-a");
    const missing = await after.lookupByClientToken({ typeName: testThingType, clientToken: "tok-b" });
    assert.equal(missing.found, undefined);
    assert.deepEqual(missing.diagnostics, []);
  });

  it("refresh reports an object deleted out of band as gone", async () => {
    const p = await configured();
    const st = (await planAndApply(p, NullDynamic, thingConfig({ name: "a" }), "t")).applied.newState;
    p.cloud.delete("thing-1");
    const r = await p.readResource({ typeName: testThingType, priorState: st });
    assert.ok(r.newState.isNull());
  });

  it("deletes", async () => {
    const p = await configured();
    const st = (await planAndApply(p, NullDynamic, thingConfig({ name: "a" }), "t")).applied.newState;
    const r = await p.applyResourceChange({ typeName: testThingType, priorState: st, plannedState: NullDynamic, config: NullDynamic, clientToken: "t2" });
    assert.ok(r.newState.isNull());
    assert.equal(p.cloud.size, 0);
  });

  it("imports existing objects and refuses unknown ids", async () => {
    const p = await configured();
    await planAndApply(p, NullDynamic, thingConfig({ name: "a" }), "t");
    const ok = await p.importResourceState({ typeName: testThingType, id: "thing-1" });
    assert.equal(show(ok.imported[0]!.state, "name"), 'cty.StringVal("a")');
    const bad = await p.importResourceState({ typeName: testThingType, id: "thing-9" });
    assert.equal(bad.diagnostics[0]!.summary, "Cannot import non-existent remote object");
  });

  it("reads the data source by name", async () => {
    const p = await configured();
    await planAndApply(p, NullDynamic, thingConfig({ name: "a", size: 3 }), "t");
    const cfg = (name: string) => blockValue(testThingDataSchema.block, { name: thingConfig({ name }).asEntries().get("name")! });
    const r = await p.readDataSource({ typeName: testThingType, config: cfg("a") });
    assert.equal(show(r.state, "size"), "cty.NumberIntVal(3)");
    const missing = await p.readDataSource({ typeName: testThingType, config: cfg("zz") });
    assert.equal(missing.diagnostics[0]!.summary, "Thing not found");
  });

  it("validates size and region", async () => {
    const p = new TestThingProvider();
    const v = await p.validateResourceConfig({ typeName: testThingType, config: thingConfig({ name: "a", size: -1 }) });
    assert.equal(v.diagnostics[0]!.summary, "Invalid size");
  });

  it("logs calls in order", async () => {
    const p = await configured();
    await planAndApply(p, NullDynamic, thingConfig({ name: "a" }), "t");
    assert.deepEqual(p.calls.map((c) => c.method), ["getSchema", "configureProvider", "planResourceChange", "applyResourceChange"]);
    assert.equal(p.calls[3]!.name, "a");
  });
});

describe("provider registry", () => {
  it("serves the built-in terraform provider", () => {
    const r = builtinProviders();
    const got = r.instantiate(Provider.implied("terraform"));
    assert.ok(got.provider instanceof TerraformProvider);
    assert.deepEqual(r.addresses().map(String), ["terraform.io/builtin/terraform", "terraform.io/builtin/cluster", "registry.terraform.io/cairn/cluster"]);
  });

  it("serves registered test providers, a fresh instance each time, sharing the cloud", () => {
    const r = builtinProviders();
    const cloud = registerTestProvider(r);
    const a = r.instantiate(testProviderAddr).provider as TestThingProvider;
    const b = r.instantiate(testProviderAddr).provider as TestThingProvider;
    assert.notEqual(a, b);
    assert.equal(a.cloud, cloud);
    assert.equal(b.cloud, cloud);
  });

  it("reports an address nobody serves", () => {
    const got = new ProviderRegistry().instantiate(new Provider("registry.terraform.io", "hashicorp", "aws"));
    assert.equal(got.provider, undefined);
    assert.equal(got.diags[0]!.summary, "Failed to load plugin schemas");
    assert.match(got.diags[0]!.detail!, /unavailable provider "registry.terraform.io\/hashicorp\/aws"/);
  });

  it("refuses registering an address twice", () => {
    const r = builtinProviders();
    assert.throws(() => r.register(Provider.implied("terraform"), () => new TerraformProvider()), /registered twice/);
  });
});

describe("private data", () => {
  it("is read by state/ as written by providers, keeping other keys", () => {
    const other = Buffer.from(JSON.stringify({ provider_key: 1 })).toString("base64");
    const p = privateWithClientToken("tok", other);
    assert.equal(clientTokenOf({ schema_version: 0, attributes: {}, sensitive_attributes: [], private: p }), "tok");
    assert.deepEqual(JSON.parse(Buffer.from(p, "base64").toString()), { provider_key: 1, cairn_client_token: "tok" });
  });
});
