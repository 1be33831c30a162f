// impliedType, proposedNewState and assertPlanValid on a schema with every attribute kind and nested blocks
// of every nesting mode, plus properties: a proposal never changes configured non-computed attributes, and
// planning exactly the proposal is always valid.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { NumberType, StringType, listOf, mapOf, typeString } from "../../lang/values/types.js";
import {
  NullDynamic,
  type Value,
  listVal,
  mapVal,
  numberVal,
  objectVal,
  rawEquals,
  stringVal,
  unknownVal,
} from "../../lang/values/value.js";
import { setVal } from "../../lang/values/set.js";
import { type BlockSchema, assertPlanValid, blockValue, getAttr, impliedType, proposedNewState, valueGoString } from "../../providers/index.js";

const inner: BlockSchema = {
  attributes: {
    port: { type: NumberType, required: true },
    proto: { type: StringType, optional: true, computed: true },
    uid: { type: StringType, computed: true },
  },
};

const schema: BlockSchema = {
  attributes: {
    name: { type: StringType, required: true },
    size: { type: NumberType, optional: true },
    zone: { type: StringType, optional: true, computed: true },
    id: { type: StringType, computed: true },
    secret: { type: StringType, optional: true, sensitive: true },
  },
  blocks: {
    one: { nesting: "single", block: inner },
    many: { nesting: "list", block: inner },
    bag: { nesting: "set", block: inner },
    named: { nesting: "map", block: inner },
    dyn: { nesting: "list", block: { attributes: { v: { type: { kind: "dynamic" }, optional: true } } } },
  },
};

const s = stringVal;
const n = numberVal;
const rule = (port: number, extra: Record<string, Value> = {}): Value => blockValue(inner, { port: n(port), ...extra });

describe("impliedType", () => {
  it("gives attributes their types and nested blocks object, list, set or map of objects", () => {
    const t = impliedType(schema);
    const got = Object.fromEntries([...t.attrs].map(([k, v]) => [k, typeString(v)]));
    const obj = "object({port=number, proto=string, uid=string})";
    assert.deepEqual(got, {
      name: "string",
      size: "number",
      zone: "string",
      id: "string",
      secret: "string",
      one: obj,
      many: `list(${obj})`,
      bag: `set(${obj})`,
      named: `map(${obj})`,
      // A list of blocks with a dynamic attribute cannot be a list: its elements may differ in type.
      dyn: "any",
    });
  });

  it("of an empty block is the empty object type", () => {
    assert.equal(typeString(impliedType({})), "object({})");
  });
});

interface ProposeCase {
  readonly name: string;
  readonly prior: Value;
  readonly config: Value;
  /** Attribute (or nested path "many.0.uid") → GoString or "(known after apply)". */
  readonly want: Readonly<Record<string, string>>;
}

function at(v: Value, path: string): Value {
  let cur = v;
  for (const step of path.split(".")) {
    if (/^\d+$/.test(step)) cur = cur.asElements()[Number(step)]!;
    else if (cur.type.kind === "map") cur = cur.asEntries().get(step)!;
    else cur = getAttr(cur, step);
  }
  return cur;
}

const show = (v: Value): string => (v.isKnown() ? valueGoString(v) : "(known after apply)");

const priorState = blockValue(schema, {
  name: s("a"),
  size: n(1),
  zone: s("z1"),
  id: s("i1"),
  many: listVal([rule(80, { proto: s("udp"), uid: s("u80") })]),
  named: mapVal({ k: rule(1, { proto: s("tcp"), uid: s("uk") }) }),
  bag: setVal([rule(22, { proto: s("tcp"), uid: s("u22") })]),
});

const proposeCases: ProposeCase[] = [
  {
    name: "create: computed attributes not configured are unknown",
    prior: NullDynamic,
    config: blockValue(schema, { name: s("a"), zone: s("z9") }),
    want: { name: 'cty.StringVal("a")', size: "cty.NullVal(cty.Number)", zone: 'cty.StringVal("z9")', id: "(known after apply)" },
  },
  {
    name: "update: computed attributes keep their prior values, configured ones follow config",
    prior: priorState,
    config: blockValue(schema, { name: s("b") }),
    want: { name: 'cty.StringVal("b")', size: "cty.NullVal(cty.Number)", zone: 'cty.StringVal("z1")', id: 'cty.StringVal("i1")' },
  },
  {
    name: "a configured optional+computed attribute overrides the prior value, even when unknown",
    prior: priorState,
    config: blockValue(schema, { name: s("a"), zone: unknownVal(StringType) }),
    want: { zone: "(known after apply)", id: 'cty.StringVal("i1")' },
  },
  {
    name: "list blocks correlate by index; new elements get unknown computed attributes",
    prior: priorState,
    config: blockValue(schema, { name: s("a"), many: listVal([rule(80), rule(443)]) }),
    want: {
      "many.0.proto": 'cty.StringVal("udp")',
      "many.0.uid": 'cty.StringVal("u80")',
      "many.1.port": "cty.NumberIntVal(443)",
      "many.1.proto": "(known after apply)",
      "many.1.uid": "(known after apply)",
    },
  },
  {
    name: "map blocks correlate by key",
    prior: priorState,
    config: blockValue(schema, { name: s("a"), named: mapVal({ k: rule(2), other: rule(3) }) }),
    want: { "named.k.uid": 'cty.StringVal("uk")', "named.k.port": "cty.NumberIntVal(2)", "named.other.uid": "(known after apply)" },
  },
  {
    name: "set blocks correlate by their configured attributes",
    prior: priorState,
    config: blockValue(schema, { name: s("a"), bag: setVal([rule(22), rule(23)]) }),
    want: { "bag.0.uid": 'cty.StringVal("u22")', "bag.1.uid": "(known after apply)" },
  },
  {
    name: "a single block appearing is proposed with unknown computed attributes",
    prior: priorState,
    config: blockValue(schema, { name: s("a"), one: rule(5) }),
    want: { "one.port": "cty.NumberIntVal(5)", "one.uid": "(known after apply)" },
  },
  {
    name: "removed blocks are gone",
    prior: priorState,
    config: blockValue(schema, { name: s("a") }),
    want: { many: `cty.ListValEmpty(cty.Object(map[string]cty.Type{"port":cty.Number, "proto":cty.String, "uid":cty.String}))`, one: 'cty.NullVal(cty.Object(map[string]cty.Type{"port":cty.Number, "proto":cty.String, "uid":cty.String}))' },
  },
];

describe("proposedNewState", () => {
  for (const c of proposeCases) {
    it(c.name, () => {
      const p = proposedNewState(schema, c.prior, c.config);
      const got = Object.fromEntries(Object.keys(c.want).map((k) => [k, show(at(p, k))]));
      assert.deepEqual(got, c.want);
      assert.deepEqual(assertPlanValid({ schema, prior: c.prior, config: c.config, planned: p, provider: "example.com/test/test", address: "test_thing.a" }), []);
    });
  }

  it("a null configuration (delete) proposes null", () => {
    assert.ok(proposedNewState(schema, priorState, NullDynamic).isNull());
  });

  it("property: configured non-computed attributes are proposed as configured; the proposal is a valid plan", () => {
    const str = fc.option(fc.string({ maxLength: 4 }), { nil: undefined });
    const arb = fc.record({
      name: fc.string({ maxLength: 4 }),
      size: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
      zone: str,
      ports: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }),
      hasPrior: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const cfg = blockValue(schema, {
          name: s(a.name),
          ...(a.size !== undefined ? { size: n(a.size) } : {}),
          ...(a.zone !== undefined ? { zone: s(a.zone) } : {}),
          ...(a.ports.length > 0 ? { many: listVal(a.ports.map((p) => rule(p))) } : {}),
        });
        const prior = a.hasPrior ? priorState : NullDynamic;
        const p = proposedNewState(schema, prior, cfg);
        for (const attr of ["name", "size", "secret"]) assert.ok(rawEquals(getAttr(p, attr), getAttr(cfg, attr)), attr);
        const ports = getAttr(p, "many").asElements().map((e) => getAttr(e, "port").asNumber().toNumber());
        assert.deepEqual(ports, a.ports);
        const diags = assertPlanValid({ schema, prior, config: cfg, planned: p, provider: "x", address: "test_thing.a" });
        assert.deepEqual(diags, []);
      }),
    );
  });
});

describe("assertPlanValid", () => {
  const cfg = blockValue(schema, { name: s("a"), size: n(2), secret: s("pw"), many: listVal([rule(80)]) });
  const proposed = proposedNewState(schema, priorState, cfg);
  const replaced = (attr: string, v: Value): Value => {
    const m = new Map(proposed.asEntries());
    m.set(attr, v);
    return objectVal(m);
  };
  const unsetSize = blockValue(schema, { name: s("a") });
  const cases: { name: string; planned: Value; prior?: Value; config?: Value; detail: string }[] = [
    {
      name: "a changed non-computed attribute",
      planned: replaced("size", n(3)),
      detail: 'Provider "example.com/test/test" planned an invalid value for test_thing.a.size: planned value cty.NumberIntVal(3) does not match config value cty.NumberIntVal(2) nor prior value cty.NumberIntVal(1).',
    },
    {
      name: "on create, without a prior value",
      prior: NullDynamic,
      planned: objectVal(new Map([...proposedNewState(schema, NullDynamic, cfg).asEntries(), ["size", n(3)]])),
      detail: 'Provider "example.com/test/test" planned an invalid value for test_thing.a.size: planned value cty.NumberIntVal(3) does not match config value cty.NumberIntVal(2).',
    },
    {
      name: "a sensitive attribute's value is not shown",
      planned: replaced("secret", s("other")),
      detail: 'Provider "example.com/test/test" planned an invalid value for test_thing.a.secret: sensitive planned value does not match config value.',
    },
    {
      name: "a value for an unset non-computed attribute",
      config: unsetSize,
      planned: objectVal(new Map([...proposedNewState(schema, priorState, unsetSize).asEntries(), ["size", n(7)]])),
      detail: 'Provider "example.com/test/test" planned an invalid value for test_thing.a.size: planned value cty.NumberIntVal(7) for a non-computed attribute.',
    },
    {
      name: "a changed attribute inside a nested block",
      planned: replaced("many", listVal([blockValue(inner, { port: n(81), proto: s("udp"), uid: s("u80") })])),
      detail: 'Provider "example.com/test/test" planned an invalid value for test_thing.a.many[0].port: planned value cty.NumberIntVal(81) does not match config value cty.NumberIntVal(80) nor prior value cty.NumberIntVal(80).',
    },
    {
      name: "a block count that differs from config",
      planned: replaced("many", listVal([rule(80), rule(81)])),
      detail: 'Provider "example.com/test/test" planned an invalid value for test_thing.a.many: block count in plan (2) disagrees with count in config (1).',
    },
    {
      name: "a value that does not conform to the schema",
      planned: replaced("size", s("big")),
      detail: 'Provider "example.com/test/test" planned an invalid value for test_thing.a: number required, but received string.',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const prior = c.prior ?? priorState;
      const diags = assertPlanValid({ schema, prior, config: c.config ?? cfg, planned: c.planned, provider: "example.com/test/test", address: "test_thing.a" });
      assert.equal(diags.length, 1, JSON.stringify(diags.map((d) => d.detail)));
      assert.equal(diags[0]!.summary, "Provider produced invalid plan");
      assert.equal(diags[0]!.detail, `${c.detail}\n\nThis is a bug in the provider, which should be reported in the provider's own issue tracker.`);
      assert.equal(diags[0]!.address, "test_thing.a");
    });
  }

  it("accepts keeping the prior value of a configured attribute, and any value for computed ones", () => {
    const planned = objectVal(new Map([...proposed.asEntries(), ["size", n(1)], ["id", s("new")], ["zone", s("z2")]]));
    assert.deepEqual(assertPlanValid({ schema, prior: priorState, config: cfg, planned, provider: "p", address: "a" }), []);
  });

  it("planning absence for a configured object is invalid", () => {
    const d = assertPlanValid({ schema, prior: priorState, config: cfg, planned: NullDynamic, provider: "p", address: "a" });
    assert.match(d[0]!.detail!, /planned for absence but config wants existence/);
  });

  it("prints values as go-cty does", () => {
    assert.equal(valueGoString(mapVal({ b: s("x"), a: s("y") })), 'cty.MapVal(map[string]cty.Value{"a":cty.StringVal("y"), "b":cty.StringVal("x")})');
    assert.equal(valueGoString(n("1.5")), "cty.NumberFloatVal(1.5)");
    assert.equal(valueGoString(unknownVal(listOf(mapOf(NumberType)))), "cty.UnknownVal(cty.List(cty.Map(cty.Number)))");
    assert.equal(valueGoString(objectVal({})), "cty.EmptyObjectVal");
  });
});
