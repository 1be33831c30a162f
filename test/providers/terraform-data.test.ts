// terraform_data as Terraform has it: plan (create, no-op, update, replace, delete) through the same steps
// the planner takes (proposedNewState, planResourceChange, assertPlanValid), then apply, import, read,
// client-token recovery and validation.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatValue } from "../../lang/values/format.js";
import { NullDynamic, type Value, numberVal, rawEquals, stringVal, tupleVal } from "../../lang/values/value.js";
import {
  TerraformProvider,
  assertPlanValid,
  blockValue,
  clientTokenFromPrivate,
  dataResourceSchema,
  getAttr,
  privateWithClientToken,
  proposedNewState,
  terraformProviderSource,
  valueGoString,
} from "../../providers/index.js";

const block = dataResourceSchema.block;
const type = "terraform_data";

function config(input?: Value, triggers?: Value): Value {
  return blockValue(block, { ...(input ? { input } : {}), ...(triggers ? { triggers_replace: triggers } : {}) });
}

function state(id: string, input?: Value, triggers?: Value): Value {
  return blockValue(block, {
    id: stringVal(id),
    ...(input ? { input, output: input } : {}),
    ...(triggers ? { triggers_replace: triggers } : {}),
  });
}

const prov = (): TerraformProvider => new TerraformProvider({ generateId: () => "11111111-2222-3333-4444-555555555555" });

/** The planner's plan steps for one instance. */
async function plan(prior: Value, cfg: Value) {
  const p = prov();
  const proposed = proposedNewState(block, prior, cfg);
  const r = await p.planResourceChange({ typeName: type, priorState: prior, proposedNewState: proposed, config: cfg });
  const invalid = assertPlanValid({ schema: block, prior, config: cfg, planned: r.plannedState, provider: terraformProviderSource, address: "terraform_data.x" });
  return { ...r, invalid };
}

/** A planned attribute as text: "(known after apply)" for unknown, else go-cty's GoString. */
function show(v: Value, attr: string): string {
  const a = getAttr(v, attr);
  return a.isKnown() ? valueGoString(a) : "(known after apply)";
}

const none = NullDynamic;
const s = stringVal;

interface PlanCase {
  readonly name: string;
  readonly prior: Value;
  readonly config: Value;
  readonly want: Readonly<Record<"id" | "input" | "output" | "triggers_replace", string>>;
  readonly requiresReplace: readonly string[];
}

const planCases: PlanCase[] = [
  {
    name: "create with input",
    prior: none,
    config: config(s("a")),
    want: { id: "(known after apply)", input: 'cty.StringVal("a")', output: "(known after apply)", triggers_replace: "cty.NullVal(cty.DynamicPseudoType)" },
    requiresReplace: [],
  },
  {
    name: "create without input: output is null, not unknown",
    prior: none,
    config: config(),
    want: { id: "(known after apply)", input: "cty.NullVal(cty.DynamicPseudoType)", output: "cty.NullVal(cty.DynamicPseudoType)", triggers_replace: "cty.NullVal(cty.DynamicPseudoType)" },
    requiresReplace: [],
  },
  {
    name: "no change is a no-op plan equal to the prior state",
    prior: state("id-1", s("a"), numberVal(1)),
    config: config(s("a"), numberVal(1)),
    want: { id: 'cty.StringVal("id-1")', input: 'cty.StringVal("a")', output: 'cty.StringVal("a")', triggers_replace: "cty.NumberIntVal(1)" },
    requiresReplace: [],
  },
  {
    name: "input change updates in place with unknown output",
    prior: state("id-1", s("a")),
    config: config(s("b")),
    want: { id: 'cty.StringVal("id-1")', input: 'cty.StringVal("b")', output: "(known after apply)", triggers_replace: "cty.NullVal(cty.DynamicPseudoType)" },
    requiresReplace: [],
  },
  {
    name: "input type change is an update too",
    prior: state("id-1", s("1")),
    config: config(numberVal(1)),
    want: { id: 'cty.StringVal("id-1")', input: "cty.NumberIntVal(1)", output: "(known after apply)", triggers_replace: "cty.NullVal(cty.DynamicPseudoType)" },
    requiresReplace: [],
  },
  {
    name: "triggers_replace change requires replacement",
    prior: state("id-1", s("a"), s("v1")),
    config: config(s("a"), s("v2")),
    want: { id: "(known after apply)", input: 'cty.StringVal("a")', output: "(known after apply)", triggers_replace: 'cty.StringVal("v2")' },
    requiresReplace: ["triggers_replace"],
  },
  {
    name: "triggers_replace set where it was null requires replacement",
    prior: state("id-1"),
    config: config(undefined, tupleVal([s("x")])),
    want: { id: "(known after apply)", input: "cty.NullVal(cty.DynamicPseudoType)", output: "cty.NullVal(cty.DynamicPseudoType)", triggers_replace: 'cty.TupleVal([]cty.Value{cty.StringVal("x")})' },
    requiresReplace: ["triggers_replace"],
  },
];

describe("terraform_data plan", () => {
  for (const c of planCases) {
    it(c.name, async () => {
      const r = await plan(c.prior, c.config);
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(r.invalid, []);
      const got = Object.fromEntries((["id", "input", "output", "triggers_replace"] as const).map((a) => [a, show(r.plannedState, a)]));
      assert.deepEqual(got, c.want);
      assert.deepEqual(
        r.requiresReplace.map((p) => p.map((step) => (step.kind === "attr" ? step.name : "[]")).join(".")),
        c.requiresReplace,
      );
    });
  }

  it("no-op plan is raw-equal to the prior state", async () => {
    const prior = state("id-1", s("a"));
    const r = await plan(prior, config(s("a")));
    assert.ok(rawEquals(r.plannedState, prior), formatValue(r.plannedState));
  });

  it("no-op plan is the proposed object itself, not a copy", async () => {
    const prior = state("id-1", s("a"), numberVal(1));
    const cfg = config(s("a"), numberVal(1));
    const proposed = proposedNewState(block, prior, cfg);
    const r = await prov().planResourceChange({ typeName: type, priorState: prior, proposedNewState: proposed, config: cfg });
    assert.equal(r.plannedState, proposed);
  });

  it("delete plans a null state", async () => {
    const p = prov();
    const prior = state("id-1", s("a"));
    const r = await p.planResourceChange({ typeName: type, priorState: prior, proposedNewState: NullDynamic, config: NullDynamic });
    assert.ok(r.plannedState.isNull());
    assert.deepEqual(r.requiresReplace, []);
  });
});

describe("terraform_data apply", () => {
  it("create: output mirrors input, id is generated, the client token is kept in private data", async () => {
    const cfg = config(s("hello"));
    const planned = (await plan(NullDynamic, cfg)).plannedState;
    const r = await prov().applyResourceChange({ typeName: type, priorState: NullDynamic, plannedState: planned, config: cfg, clientToken: "tok-1" });
    assert.deepEqual(r.diagnostics, []);
    assert.equal(show(r.newState, "output"), 'cty.StringVal("hello")');
    assert.equal(show(r.newState, "id"), 'cty.StringVal("11111111-2222-3333-4444-555555555555")');
    assert.ok(r.newState.isWhollyKnown());
    assert.equal(clientTokenFromPrivate(r.private), "tok-1");
  });

  it("the default id is a random UUID", async () => {
    const cfg = config();
    const planned = (await plan(NullDynamic, cfg)).plannedState;
    const p = new TerraformProvider();
    const a = await p.applyResourceChange({ typeName: type, priorState: NullDynamic, plannedState: planned, config: cfg, clientToken: "t1" });
    const b = await p.applyResourceChange({ typeName: type, priorState: NullDynamic, plannedState: planned, config: cfg, clientToken: "t2" });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    assert.match(getAttr(a.newState, "id").asString(), uuid);
    assert.notEqual(getAttr(a.newState, "id").asString(), getAttr(b.newState, "id").asString());
  });

  it("update: output becomes the new input, id and private data are kept", async () => {
    const prior = state("id-1", s("a"));
    const cfg = config(s("b"));
    const planned = await plan(prior, cfg);
    const priv = privateWithClientToken("tok-0");
    const r = await prov().applyResourceChange({ typeName: type, priorState: prior, plannedState: planned.plannedState, config: cfg, plannedPrivate: priv, clientToken: "tok-1" });
    assert.equal(show(r.newState, "output"), 'cty.StringVal("b")');
    assert.equal(show(r.newState, "id"), 'cty.StringVal("id-1")');
    assert.equal(clientTokenFromPrivate(r.private), "tok-0");
  });

  it("delete returns a null state", async () => {
    const prior = state("id-1", s("a"));
    const r = await prov().applyResourceChange({ typeName: type, priorState: prior, plannedState: NullDynamic, config: NullDynamic, clientToken: "t" });
    assert.ok(r.newState.isNull());
  });
});

describe("terraform_data import, read and recovery", () => {
  it("imports any id with every other attribute null", async () => {
    const r = await prov().importResourceState({ typeName: type, id: "my-id" });
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.imported.length, 1);
    const st = r.imported[0]!.state;
    assert.equal(show(st, "id"), 'cty.StringVal("my-id")');
    for (const a of ["input", "output", "triggers_replace"]) assert.equal(show(st, a), "cty.NullVal(cty.DynamicPseudoType)");
  });

  it("read returns the prior state unchanged", async () => {
    const prior = state("id-1", s("a"));
    const r = await prov().readResource({ typeName: type, priorState: prior, private: "cHJpdg==" });
    assert.ok(rawEquals(r.newState, prior));
    assert.equal(r.private, "cHJpdg==");
  });

  const recoveryCases: { name: string; recorded?: { state: Value; private?: string }; found: boolean }[] = [
    { name: "nothing recorded: the object existed only in the crashed process", found: false },
    { name: "recorded object created with the token is found", recorded: { state: state("id-1"), private: privateWithClientToken("tok") }, found: true },
    { name: "recorded object with another token is not", recorded: { state: state("id-1"), private: privateWithClientToken("other") }, found: false },
    { name: "recorded object without private data is not", recorded: { state: state("id-1") }, found: false },
  ];
  for (const c of recoveryCases) {
    it(`lookupByClientToken: ${c.name}`, async () => {
      const r = await prov().lookupByClientToken({ typeName: type, clientToken: "tok", ...(c.recorded ? { recorded: c.recorded } : {}) });
      assert.deepEqual(r.diagnostics, []);
      assert.equal(r.found !== undefined, c.found);
      if (c.found) assert.equal(r.found!.state, c.recorded!.state);
    });
  }
});

describe("terraform provider schema and validation", () => {
  it("has terraform_data and the terraform_remote_state data source", async () => {
    const r = await prov().getSchema();
    assert.deepEqual([...r.resourceTypes.keys()], ["terraform_data"]);
    assert.deepEqual([...r.dataSources.keys()], ["terraform_remote_state"]);
    const attrs = r.resourceTypes.get("terraform_data")!.block.attributes!;
    assert.deepEqual(
      Object.entries(attrs).map(([n, a]) => [n, a.type.kind, a.optional === true, a.computed === true]),
      [
        ["input", "dynamic", true, false],
        ["output", "dynamic", false, true],
        ["triggers_replace", "dynamic", true, false],
        ["id", "string", false, true],
      ],
    );
  });

  it("rejects computed attributes in configuration", async () => {
    const r = await prov().validateResourceConfig({ typeName: type, config: blockValue(block, { id: s("x"), output: s("y") }) });
    assert.deepEqual(r.diagnostics.map((d) => d.summary), ['"id" attribute is read-only', '"output" attribute is read-only']);
  });

  it("reports unknown resource types and data sources", async () => {
    const p = prov();
    const v = await p.validateResourceConfig({ typeName: "terraform_thing", config: config() });
    assert.equal(v.diagnostics[0]!.summary, "Invalid resource type");
    assert.equal(v.diagnostics[0]!.detail, 'The provider terraform.io/builtin/terraform does not support resource type "terraform_thing".');
    const d = await p.readDataSource({ typeName: "terraform_thing", config: config() });
    assert.equal(d.diagnostics[0]!.summary, "Unsupported data source");
    assert.equal(d.diagnostics[0]!.detail, 'The provider terraform.io/builtin/terraform does not support data source "terraform_thing".');
  });
});
