// valueToStateAttributes builds the state's JSON structure straight from the value; it must equal what the
// text route gives (valueToJSONText, then the exact JSON parser): numbers past a double's precision, sets,
// dynamic attributes with their {value, type} wrapper, nulls, unicode and lone surrogates, `__proto__` keys.
// (Key order is not compared: the state serialiser writes keys in Go's order either way.)

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { valueMatchesStateJson, valueToStateAttributes } from "../../planner/eval/state-values.js";
import { valueToJSONText } from "../../lang/values/json.js";
import { canonicalJson, parseJsonExact } from "../../lang/values/json-exact.js";
import type { JsonObject } from "../../state/model.js";
import { impliedType } from "../../providers/schema.js";
import type { BlockSpec } from "../../config/schema.js";
import { DynamicPseudoType, NumberType, StringType, BoolType, listOf, mapOf, setOf } from "../../lang/values/types.js";
import { boolVal, listVal, mapVal, nullVal, numberVal, objectVal, stringVal, tupleVal, unknownVal, type Value } from "../../lang/values/value.js";
import { setVal } from "../../lang/values/set.js";

const spec: BlockSpec = {
  attributes: {
    s: { type: StringType, optional: true },
    n: { type: NumberType, optional: true },
    b: { type: BoolType, optional: true },
    l: { type: listOf(NumberType), optional: true },
    st: { type: setOf(StringType), optional: true },
    m: { type: mapOf(StringType), optional: true },
    d: { type: DynamicPseudoType, optional: true },
  },
};

const cases: [string, Record<string, Value>][] = [
  ["all null", {}],
  ["primitives", { s: stringVal("héllo \u{1F600} \"q\""), n: numberVal("123456789012345678901234567890.125"), b: boolVal(true) }],
  ["small and negative numbers", { n: numberVal("-0.000001"), l: listVal([numberVal(1), numberVal("9007199254740993"), numberVal("1e30")]) }],
  ["collections", { st: setVal([stringVal("b"), stringVal("a")]), m: mapVal({ __proto__: stringVal("x"), "a.b": stringVal("y") } as Record<string, Value>) }],
  ["lone surrogate", { s: stringVal("a\uD800b") }],
  ["dynamic object", { d: objectVal({ x: tupleVal([stringVal("t"), numberVal(2), nullVal(StringType)]), y: mapVal({ k: boolVal(false) }) }) }],
  ["dynamic string", { d: stringVal("plain") }],
];

for (const [name, attrs] of cases) {
  test(`state attributes: ${name} equal the text route`, () => {
    const t = impliedType(spec);
    const full = new Map<string, Value>();
    for (const [k, a] of Object.entries(spec.attributes ?? {})) full.set(k, attrs[k] ?? nullVal(a.type));
    const v = objectVal(full);
    const direct = valueToStateAttributes(v, spec);
    assert.ok("attributes" in direct, JSON.stringify(direct));
    const text = valueToJSONText(v, t);
    assert.ok(text.ok);
    const parsed = parseJsonExact(text.text);
    assert.ok(parsed.ok);
    assert.deepEqual(direct.attributes, parsed.value);
  });
}

// valueMatchesStateJson (upgrading an unchanged object) says whether the value's state attributes would have
// the canonical text of the JSON, as comparing the texts does; it may only say no where it cannot be sure
// (a map key with a lone surrogate, which becomes U+FFFD in the text).
const atom = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const str = atom(["a", "b", "a\uD800", "a\uFFFD", "__proto__"]).map(stringVal);
const num = atom(["1", "1.5", "0.1", "1e30", "9007199254740993", "-0.000001", "100"]).map((n) => numberVal(n));
const maybe = (a: fc.Arbitrary<Value>, t: Parameters<typeof nullVal>[0]) => fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(nullVal(t)) });
const objectArb: fc.Arbitrary<Value> = fc
  .record({
    s: maybe(str, StringType),
    n: maybe(num, NumberType),
    b: maybe(fc.boolean().map(boolVal), BoolType),
    l: maybe(fc.array(num, { minLength: 1, maxLength: 2 }).map(listVal), listOf(NumberType)),
    st: maybe(fc.uniqueArray(atom(["a", "b"]), { minLength: 1, maxLength: 2 }).map((xs) => setVal(xs.map(stringVal))), setOf(StringType)),
    m: maybe(fc.dictionary(atom(["k", "j", "\uDC00", "__proto__"]), str, { minKeys: 1, maxKeys: 2 }).map((d) => mapVal(new Map(Object.entries(d)))), mapOf(StringType)),
    d: maybe(fc.oneof(str, num, fc.tuple(str, num).map(([a, b]) => tupleVal([a, b]))), DynamicPseudoType),
  })
  .map((r) => objectVal(r));

const stateJson = (v: Value): JsonObject => {
  const a = valueToStateAttributes(v, spec);
  assert.ok("attributes" in a);
  // As read back from a state file.
  const p = parseJsonExact(canonicalJson(a.attributes));
  assert.ok(p.ok);
  return p.value as JsonObject;
};

test("state attributes: valueMatchesStateJson agrees with comparing the canonical texts", () => {
  fc.assert(
    fc.property(objectArb, objectArb, fc.boolean(), (a, b, same) => {
      const json = stateJson(same ? a : b);
      const equal = canonicalJson(stateJson(a)) === canonicalJson(json);
      const matches = valueMatchesStateJson(a, spec, json);
      if (matches) assert.ok(equal, "a match has the same text");
      const m = (a.raw as ReadonlyMap<string, Value>).get("m")!;
      const surrogateKey = !m.isNull() && [...(m.raw as ReadonlyMap<string, Value>).keys()].some((k) => /[\uD800-\uDFFF]/.test(k));
      if (equal && !surrogateKey) assert.ok(matches, "the same text is a match");
    }),
    { numRuns: 1500 },
  );
});

test("state attributes: valueMatchesStateJson says no to what valueToStateAttributes refuses", () => {
  const v = objectVal({ ...Object.fromEntries(Object.entries(spec.attributes ?? {}).map(([k, a]) => [k, nullVal(a.type)])), s: unknownVal(StringType) });
  assert.equal(valueMatchesStateJson(v, spec, { s: "x" }), false);
  const marked = objectVal({ ...Object.fromEntries(Object.entries(spec.attributes ?? {}).map(([k, a]) => [k, nullVal(a.type)])), s: stringVal("x").mark("sensitive") });
  assert.equal(valueMatchesStateJson(marked, spec, stateJson(objectVal({ ...Object.fromEntries(Object.entries(spec.attributes ?? {}).map(([k, a]) => [k, nullVal(a.type)])), s: stringVal("x") }))), false);
  assert.equal(valueMatchesStateJson(nullVal(impliedType(spec)), spec, {}), false);
});
