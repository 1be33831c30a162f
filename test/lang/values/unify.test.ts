import { test } from "node:test";
import assert from "node:assert/strict";
import { unifyTypes, unifyValues } from "../../../lang/values/unify.js";
import { formatValue } from "../../../lang/values/format.js";
import {
  BoolType,
  DynamicPseudoType,
  NumberType,
  StringType,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeString,
  type Type,
} from "../../../lang/values/types.js";
import { NullDynamic } from "../../../lang/values/value.js";
import { b, n, obj, s, tup } from "./helpers.js";

const cases: [string, Type[], string | undefined][] = [
  ["same primitive", [NumberType, NumberType], "number"],
  ["string wins over number", [NumberType, StringType], "string"],
  ["string wins over bool", [BoolType, StringType, NumberType], "string"],
  ["number and bool have nothing in common", [NumberType, BoolType], undefined],
  ["dynamic with primitive", [DynamicPseudoType, NumberType], "number"],
  ["lists unify elements", [listOf(NumberType), listOf(StringType)], "list(string)"],
  ["list with dynamic is dynamic", [listOf(NumberType), DynamicPseudoType], "any"],
  ["tuples and lists", [tupleOf([NumberType]), listOf(StringType)], "list(string)"],
  ["tuples of same length", [tupleOf([NumberType, BoolType]), tupleOf([StringType, BoolType])], "tuple([string, bool])"],
  ["tuples of different length become a list", [tupleOf([NumberType]), tupleOf([StringType, StringType])], "list(string)"],
  ["objects with same attributes", [objectOf({ a: NumberType }), objectOf({ a: StringType })], "object({a=string})"],
  ["objects with different attributes become a map", [objectOf({ a: NumberType }), objectOf({ b: StringType })], "map(string)"],
  ["objects and maps", [objectOf({ a: NumberType }), mapOf(StringType)], "map(string)"],
  ["object and tuple never", [objectOf({}), tupleOf([])], undefined],
  ["sets", [setOf(NumberType), setOf(NumberType)], "set(number)"],
  ["set and list meet as a list (cty prefers the list)", [setOf(StringType), listOf(StringType)], "list(string)"],
  ["nothing", [], undefined],
];

for (const [name, types, want] of cases) {
  test(`unify: ${name}`, () => {
    const u = unifyTypes(types);
    assert.equal(u === undefined ? undefined : typeString(u), want);
  });
}

test("unifyValues converts every value", () => {
  const r = unifyValues([n(1), s("a"), b(true)]);
  assert.ok(r.ok);
  assert.deepEqual(r.values.map((v) => formatValue(v)), ['"1"', '"a"', '"true"']);
  const objs = unifyValues([obj({ a: n(1) }), obj({ b: s("x") })]);
  assert.ok(objs.ok);
  assert.equal(typeString(objs.type), "map(string)");
  const bad = unifyValues([n(1), tup()]);
  assert.equal(bad.ok, false);
  const withNull = unifyValues([NullDynamic, n(1)]);
  assert.ok(withNull.ok && withNull.values[0]!.isNull() && withNull.values[0]!.type.kind === "number");
});
