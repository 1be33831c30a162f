// valueToStateAttributes builds the state's JSON structure straight from the value; it must equal what the
// text route gives (valueToJSONText, then the exact JSON parser): numbers past a double's precision, sets,
// dynamic attributes with their {value, type} wrapper, nulls, unicode and lone surrogates, `__proto__` keys.
// (Key order is not compared: the state serialiser writes keys in Go's order either way.)

import { test } from "node:test";
import assert from "node:assert/strict";
import { valueToStateAttributes } from "../../planner/eval/state-values.js";
import { valueToJSONText } from "../../lang/values/json.js";
import { parseJsonExact } from "../../lang/values/json-exact.js";
import { impliedType } from "../../providers/schema.js";
import type { BlockSpec } from "../../config/schema.js";
import { DynamicPseudoType, NumberType, StringType, BoolType, listOf, mapOf, setOf } from "../../lang/values/types.js";
import { boolVal, listVal, mapVal, nullVal, numberVal, objectVal, stringVal, tupleVal, type Value } from "../../lang/values/value.js";
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
