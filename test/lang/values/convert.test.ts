import { test } from "node:test";
import assert from "node:assert/strict";
import { convert, convertibility } from "../../../lang/values/convert.js";
import { formatValue } from "../../../lang/values/format.js";
import {
  BoolType,
  DynamicPseudoType,
  NumberType,
  StringType,
  listOf,
  mapOf,
  objectOf,
  objectWithOptional,
  setOf,
  tupleOf,
  typeString,
  type Type,
} from "../../../lang/values/types.js";
import { DynamicVal, NullDynamic, SENSITIVE, type Value } from "../../../lang/values/value.js";
import { b, list, map, n, nul, obj, s, tup, unk } from "./helpers.js";

interface Case {
  name: string;
  in: Value;
  want: Type;
  /** formatValue of the result, or the exact error message prefixed with "ERR " */
  out: string;
  /** typeString of the result when it matters */
  type?: string;
}

const cases: Case[] = [
  { name: "number to string", in: n("1.50"), want: StringType, out: '"1.5"' },
  { name: "big number to string", in: n("12345678901234567890"), want: StringType, out: '"12345678901234567890"' },
  { name: "bool to string", in: b(true), want: StringType, out: '"true"' },
  { name: "string to number", in: s("-1.5e3"), want: NumberType, out: "-1500" },
  { name: "string to number fails", in: s("12a"), want: NumberType, out: "ERR a number is required" },
  { name: "string with spaces is not a number", in: s(" 1"), want: NumberType, out: "ERR a number is required" },
  { name: "string to bool", in: s("true"), want: BoolType, out: "true" },
  { name: "string 0 to bool", in: s("0"), want: BoolType, out: "false" },
  {
    name: "string True to bool hints lowercase",
    in: s("True"),
    want: BoolType,
    out: 'ERR a bool is required; to convert from string, use lowercase "true"',
  },
  { name: "string yes to bool", in: s("yes"), want: BoolType, out: "ERR a bool is required" },
  { name: "bool to number impossible", in: b(true), want: NumberType, out: "ERR number required" },
  { name: "tuple to number", in: tup(), want: NumberType, out: "ERR number required" },
  { name: "object to string", in: obj({}), want: StringType, out: "ERR string required" },
  { name: "tuple to list of number", in: tup(s("1"), n(2)), want: listOf(NumberType), out: "tolist([\n  1,\n  2,\n])" },
  { name: "tuple element fails", in: tup(n(1), s("x")), want: listOf(NumberType), out: "ERR a number is required" },
  { name: "tuple to list(any) unifies", in: tup(s("a"), n(1)), want: listOf(DynamicPseudoType), out: 'tolist([\n  "a",\n  "1",\n])', type: "list(string)" },
  {
    name: "tuple to list(any) needs one type",
    in: tup(s("a"), obj({})),
    want: listOf(DynamicPseudoType),
    out: "ERR all list elements must have the same type",
  },
  { name: "tuple to list(string) static mismatch", in: tup(s("a"), obj({})), want: listOf(StringType), out: "ERR element 1: string required" },
  { name: "empty tuple to list", in: tup(), want: listOf(StringType), out: "tolist([])", type: "list(string)" },
  { name: "tuple to set dedupes and sorts", in: tup(s("b"), s("a"), s("b")), want: setOf(StringType), out: 'toset([\n  "a",\n  "b",\n])' },
  { name: "numbers in a set sort numerically", in: tup(n(10), n(9), n("1.5")), want: setOf(NumberType), out: "toset([\n  1.5,\n  9,\n  10,\n])" },
  { name: "list to set", in: list(StringType, s("x"), s("x")), want: setOf(StringType), out: 'toset([\n  "x",\n])' },
  { name: "object to map", in: obj({ a: n(1), b: s("x") }), want: mapOf(StringType), out: 'tomap({\n  "a" = "1"\n  "b" = "x"\n})' },
  { name: "object to map(any)", in: obj({ a: n(1), b: n(2) }), want: mapOf(DynamicPseudoType), out: 'tomap({\n  "a" = 1\n  "b" = 2\n})', type: "map(number)" },
  { name: "object to map(any) mixed", in: obj({ a: tup(), b: n(2) }), want: mapOf(DynamicPseudoType), out: "ERR all map elements must have the same type" },
  { name: "object to map(string) element mismatch", in: obj({ a: tup() }), want: mapOf(StringType), out: 'ERR element "a": string required' },
  { name: "map to object", in: map({ a: s("1"), z: s("2") }), want: objectOf({ a: NumberType }), out: '{\n  "a" = 1\n}' },
  { name: "map to object missing key", in: map({ z: s("2") }), want: objectOf({ a: NumberType }), out: 'ERR map has no element for required attribute "a"' },
  { name: "object drops extra attributes", in: obj({ a: s("x"), extra: n(1) }), want: objectOf({ a: StringType }), out: '{\n  "a" = "x"\n}' },
  { name: "object missing attribute", in: obj({}), want: objectOf({ name: StringType }), out: 'ERR attribute "name" is required' },
  { name: "object missing two attributes", in: obj({}), want: objectOf({ b: StringType, a: StringType }), out: 'ERR attributes "a" and "b" are required' },
  {
    name: "object missing three attributes",
    in: obj({}),
    want: objectOf({ c: StringType, b: StringType, a: StringType }),
    out: 'ERR attributes "a", "b", and "c" are required',
  },
  { name: "object attribute mismatch", in: obj({ a: tup() }), want: objectOf({ a: StringType }), out: 'ERR attribute "a": string required' },
  { name: "object attribute value fails", in: obj({ a: s("x") }), want: objectOf({ a: NumberType }), out: "ERR a number is required" },
  {
    name: "optional attribute absent is null",
    in: obj({ a: s("x") }),
    want: objectWithOptional({ a: StringType, b: NumberType }, ["b"]),
    out: '{\n  "a" = "x"\n  "b" = tonumber(null)\n}',
  },
  {
    name: "optional attribute default",
    in: obj({ a: s("x") }),
    want: objectWithOptional({ a: StringType, b: NumberType }, ["b"], new Map([["b", n(80)]])),
    out: '{\n  "a" = "x"\n  "b" = 80\n}',
  },
  {
    name: "optional default replaces null",
    in: obj({ a: s("x"), b: nul(NumberType) }),
    want: objectWithOptional({ a: StringType, b: NumberType }, ["b"], new Map([["b", n(80)]])),
    out: '{\n  "a" = "x"\n  "b" = 80\n}',
  },
  {
    name: "defaults inside a list of objects",
    in: tup(obj({}), obj({ p: n(1) })),
    want: listOf(objectWithOptional({ p: NumberType }, ["p"], new Map([["p", n(9)]]))),
    out: 'tolist([\n  {\n    "p" = 9\n  },\n  {\n    "p" = 1\n  },\n])',
  },
  {
    name: "defaults apply even when the type already matches",
    in: obj({ p: nul(NumberType) }),
    want: objectWithOptional({ p: NumberType }, ["p"], new Map([["p", n(9)]])),
    out: '{\n  "p" = 9\n}',
  },
  { name: "tuple to tuple", in: tup(n(1)), want: tupleOf([StringType]), out: '[\n  "1",\n]' },
  { name: "tuple length mismatch", in: tup(n(1)), want: tupleOf([StringType, StringType]), out: "ERR tuple required" },
  { name: "list to list element conversion", in: list(NumberType, n(1)), want: listOf(StringType), out: 'tolist([\n  "1",\n])' },
  { name: "list of list mismatch", in: list(listOf(NumberType)), want: listOf(mapOf(NumberType)), out: "ERR incorrect list element type: map of number required" },
  { name: "anything to dynamic", in: tup(n(1)), want: DynamicPseudoType, out: "[\n  1,\n]" },
  { name: "null keeps target type", in: NullDynamic, want: listOf(StringType), out: "tolist(null) /* of string */" },
  { name: "typed null converts", in: nul(NumberType), want: StringType, out: "tostring(null)" },
  { name: "unknown takes target type", in: DynamicVal, want: NumberType, out: "(known after apply)", type: "number" },
  { name: "unknown list to set", in: unk(listOf(StringType)), want: setOf(DynamicPseudoType), out: "(known after apply)", type: "set(string)" },
  { name: "unknown element inside tuple", in: tup(unk(StringType), s("1")), want: listOf(NumberType), out: "tolist([\n  (known after apply),\n  1,\n])" },
  { name: "dynamic target keeps unknown type", in: unk(StringType), want: DynamicPseudoType, out: "(known after apply)", type: "string" },
];

for (const c of cases) {
  test(`convert: ${c.name}`, () => {
    const r = convert(c.in, c.want);
    const got = r.ok ? formatValue(r.value) : `ERR ${r.message}`;
    assert.equal(got, c.out);
    if (c.type !== undefined && r.ok) assert.equal(typeString(r.value.type), c.type);
  });
}

test("convert: marks stay where they were", () => {
  const secret = s("2").mark(SENSITIVE);
  const r = convert(tup(s("1"), secret), listOf(NumberType));
  assert.ok(r.ok);
  const elems = r.value.asElements();
  assert.equal(elems[0]!.isSensitive(), false);
  assert.equal(elems[1]!.isSensitive(), true);
  assert.equal(r.value.isSensitive(), false);
  const top = convert(n(1).mark(SENSITIVE), StringType);
  assert.ok(top.ok && top.value.isSensitive() && top.value.unmark().asString() === "1");
});

test("convert: marks inside a set move to the set (cty sets cannot hold marked elements)", () => {
  const r = convert(tup(s("a").mark(SENSITIVE)), setOf(StringType));
  assert.ok(r.ok);
  assert.equal(r.value.isSensitive(), true);
  assert.equal(r.value.asElements()[0]!.isMarked(), false);
});

test("convertibility", () => {
  assert.equal(convertibility(StringType, NumberType), true);
  assert.equal(convertibility(BoolType, NumberType), false);
  assert.equal(convertibility(tupleOf([StringType, NumberType]), listOf(StringType)), true);
  assert.equal(convertibility(objectOf({}), objectOf({ a: StringType })), false);
});
