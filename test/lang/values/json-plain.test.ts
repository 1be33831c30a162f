// jsonToValue decodes a JavaScript structure (state attributes) straight to a value; jsonToValueViaNodes,
// the reference, goes through JSON nodes first. Both must agree on every input: the same value, or the same
// failure message, for hand-picked edge cases and for generated structures against generated types.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bigFloatFrom } from "../../../lang/values/bigfloat.js";
import { jsonToValue, jsonToValueViaNodes } from "../../../lang/values/json.js";
import { formatValue } from "../../../lang/values/format.js";
import { BoolType, DynamicPseudoType, NumberType, StringType, listOf, mapOf, setOf, type Type } from "../../../lang/values/types.js";
import { rawEquals } from "../../../lang/values/value.js";

function agree(json: unknown, t: Type): boolean {
  const got = jsonToValue(json, t);
  const want = jsonToValueViaNodes(json, t);
  const show = (): string => `${JSON.stringify(json, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x))}`;
  assert.equal(got.ok, want.ok, `ok differs for ${show()}`);
  if (got.ok && want.ok) assert.ok(rawEquals(got.value, want.value), `${show()}: ${formatValue(got.value)} vs ${formatValue(want.value)}`);
  if (!got.ok && !want.ok) assert.equal(got.message, want.message, show());
  return got.ok;
}

const obj = (attrs: Record<string, Type>): Type => ({ kind: "object", attrs: new Map(Object.entries(attrs)) });
const tuple = (...elems: Type[]): Type => ({ kind: "tuple", elems });

const cases: readonly (readonly [string, unknown, Type])[] = [
  ["terraform_data state", { id: "x", input: { value: "user0", type: "string" }, output: { value: { user: "u", groups: ["a", "b"] }, type: ["object", { user: "string", groups: ["tuple", ["string", "string"]] }] }, triggers_replace: null }, obj({ id: StringType, input: DynamicPseudoType, output: DynamicPseudoType, triggers_replace: DynamicPseudoType })],
  ["missing attributes are null", {}, obj({ a: StringType, b: listOf(NumberType) })],
  ["unsupported attribute", { c: 1 }, obj({ a: StringType })],
  ["numbers", [0, -1.5, 1e21, 12345678901234567890n, bigFloatFrom("0.1")], listOf(NumberType)],
  ["non-finite number", [Infinity], listOf(NumberType)],
  ["numbers from strings", ["12", "x"], tuple(NumberType, NumberType)],
  ["strings from scalars", [1.25, true, 7n], listOf(StringType)],
  ["bools from strings", ["true", "false", "maybe"], tuple(BoolType, BoolType, BoolType)],
  ["sets deduplicate", ["b", "a", "b"], setOf(StringType)],
  ["empty collections", [[], [], {}], tuple(listOf(StringType), setOf(NumberType), mapOf(BoolType))],
  ["map keys sorted", { z: 1, a: 2, "10": 3, "9": 4 }, mapOf(NumberType)],
  ["tuple too long", [1, 2], tuple(NumberType)],
  ["tuple too short", [1], tuple(NumberType, NumberType)],
  ["dynamic with a complex type", { type: ["list", "number"], value: [1, 2] }, DynamicPseudoType],
  ["dynamic missing value", { type: "string" }, DynamicPseudoType],
  ["dynamic with an extra key", { type: "string", value: "x", other: 1 }, DynamicPseudoType],
  ["dynamic with a bad type", { type: "strin", value: "x" }, DynamicPseudoType],
  ["dynamic with a numeric type", { type: 5, value: "x" }, DynamicPseudoType],
  ["dynamic object type with optional attributes", { type: ["object", { a: "string", b: "number" }, ["b"]], value: { a: "x", b: null } }, DynamicPseudoType],
  ["dynamic object type with an undefined optional list", { type: ["object", { a: "string" }, undefined], value: { a: "x" } }, DynamicPseudoType],
  ["dynamic type with a class instance inside", { type: ["list", bigFloatFrom(1)], value: [] }, DynamicPseudoType],
  ["dynamic with an undefined value", { type: "string", value: undefined }, DynamicPseudoType],
  ["undefined attribute", { a: undefined }, obj({ a: StringType })],
  ["a function", { a: () => 1 }, obj({ a: StringType })],
  ["wrong kinds", [{}, [], "s", 1, true], tuple(listOf(StringType), obj({}), mapOf(StringType), BoolType, NumberType)],
  ["deep nesting", Array.from({ length: 1100 }).reduce<unknown>((acc) => [acc], "x"), DynamicPseudoType],
  ["non-ASCII strings normalised", ["e\u0301"], listOf(StringType)],
];

describe("jsonToValue and its reference", () => {
  for (const [name, json, t] of cases) it(name, () => void agree(json, t));

  it("agree on generated structures and types", () => {
    let seed = 355;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n); // the high bits: an LCG's low bits repeat with a short period
    };
    const keys = ["a", "b", "type", "value", "10"];
    function genType(d: number): Type {
      const k = rnd(d > 2 ? 4 : 9);
      if (k === 0) return StringType;
      if (k === 1) return NumberType;
      if (k === 2) return BoolType;
      if (k === 3) return DynamicPseudoType;
      if (k === 4) return listOf(genType(d + 1));
      if (k === 5) return setOf(genType(d + 1));
      if (k === 6) return mapOf(genType(d + 1));
      if (k === 7) return tuple(...Array.from({ length: rnd(3) }, () => genType(d + 1)));
      return obj(Object.fromEntries(Array.from({ length: rnd(3) }, () => [keys[rnd(3)]!, genType(d + 1)])));
    }
    // Values shaped by the type most of the time, with random deviations, so both success and failure occur.
    function genFor(t: Type, d: number): unknown {
      if (rnd(4) === 0) return [null, "s", 1, true, [], {}, "true", 2.5][rnd(8)];
      switch (t.kind) {
        case "string":
          return ["x", "é", 1, false][rnd(4)];
        case "number":
          return [1, -0.5, "3", 10n][rnd(4)];
        case "bool":
          return [true, false, "false"][rnd(3)];
        case "dynamic":
          return d > 3 ? null : { type: ["string", "number", ["list", "string"]][rnd(3)], value: ["a", 1, ["x"]][rnd(3)] };
        case "list":
        case "set":
          return Array.from({ length: rnd(3) }, () => genFor(t.elem, d + 1));
        case "map":
          return Object.fromEntries(Array.from({ length: rnd(3) }, () => [keys[rnd(5)]!, genFor(t.elem, d + 1)]));
        case "tuple":
          return t.elems.map((e) => genFor(e, d + 1));
        case "object":
          return Object.fromEntries([...t.attrs].filter(() => rnd(4) > 0).map(([k, a]) => [k, genFor(a, d + 1)]));
      }
    }
    let ok = 0;
    for (let i = 0; i < 3000; i++) {
      const t = genType(0);
      if (agree(genFor(t, 0), t)) ok++;
    }
    assert.ok(ok > 300 && ok < 2900, `${ok} of 3000 decoded: the generator must exercise both outcomes`);
  });
});
