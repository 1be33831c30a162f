import { test } from "node:test";
import assert from "node:assert/strict";
import * as ops from "../../../lang/values/ops.js";
import { formatValue } from "../../../lang/values/format.js";
import { BoolType, DynamicPseudoType, NumberType, StringType, listOf, setOf } from "../../../lang/values/types.js";
import { DynamicVal, NullDynamic, SENSITIVE, type Value } from "../../../lang/values/value.js";
import { b, list, n, nul, obj, s, tup, unk } from "./helpers.js";

type Op = keyof typeof ops.binaryOps;
const cases: [Value, Op, Value, string][] = [
  [n("0.1"), "+", n("0.2"), "0.3"],
  [n("1.1"), "*", n(3), "3.3000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002"], // terraform console prints this
  [n("9007199254740993"), "+", n(2), "9007199254740995"],
  [n("12345678901234567890"), "*", n(10), "123456789012345678900"],
  [s("5"), "+", n(1), "6"],
  [n(7), "-", n(10), "-3"],
  [n(1), "/", n(4), "0.25"],
  [n(1), "/", n(0), "+Inf"],
  [n(-1), "/", n(0), "-Inf"],
  [n(0), "/", n(0), "ERR Operation failed: Error during operation: can't divide zero by zero or infinity by infinity."],
  [n(7), "%", n(3), "1"],
  [n(-7), "%", n(3), "-1"],
  [n(7), "%", n(-3), "1"],
  [n("5.5"), "%", n(2), "1.5"],
  [n(5), "%", n(0), "5"],
  [n(2), "<", n(10), "true"],
  [s("10"), ">", s("9"), "true"],
  [n(3), ">=", n(3), "true"],
  [n(3), "<=", n("2.9"), "false"],
  [s("a"), "+", n(1), "ERR Invalid operand: Unsuitable value for left operand: a number is required."],
  [n(1), "+", b(true), "ERR Invalid operand: Unsuitable value for right operand: number required."],
  [NullDynamic, "+", n(1), "ERR Operation failed: Error during operation: argument must not be null."],
  [b(true), "&&", s("false"), "false"],
  [b(false), "||", b(true), "true"],
  [s("x"), "&&", b(true), "ERR Invalid operand: Unsuitable value for left operand: a bool is required."],
  [b(false), "&&", unk(BoolType), "false"],
  [b(true), "||", DynamicVal, "true"],
  [b(true), "&&", unk(BoolType), "(known after apply)"],
  [n(1), "==", s("1"), "false"],
  [n(1), "==", n("1.0"), "true"],
  [NullDynamic, "==", NullDynamic, "true"],
  [NullDynamic, "==", n(1), "false"],
  [nul(StringType), "==", NullDynamic, "true"],
  [unk(NumberType), "==", n(1), "(known after apply)"],
  [unk(NumberType), "==", s("1"), "false"],
  [DynamicVal, "==", s("1"), "(known after apply)"],
  [tup(n(1), s("a")), "==", tup(n(1), s("a")), "true"],
  [tup(n(1)), "==", list(NumberType, n(1)), "false"],
  [obj({ a: n(1) }), "!=", obj({ a: n(2) }), "true"],
  [tup(unk(NumberType), n(1)), "==", tup(n(1), n(2)), "(known after apply)"],
  [tup(n(5), unk(NumberType)), "==", tup(n(1), n(2)), "false"],
  [unk(StringType), "!=", s("a"), "(known after apply)"],
  [n(1), "+", unk(NumberType), "(known after apply)"],
  [DynamicVal, "*", n(2), "(known after apply)"],
];

for (const [a, op, c, want] of cases) {
  test(`ops: ${formatValue(a)} ${op} ${formatValue(c)}`, () => {
    const r = ops.binaryOps[op](a, c);
    assert.equal(r.ok ? formatValue(r.value) : `ERR ${r.summary}: ${r.detail}`, want);
    if (r.ok) assert.equal(r.value.type.kind, ops.binaryOpResultType(op).kind);
  });
}

test("ops: unknown results have the operator's type", () => {
  const add = ops.add(unk(NumberType), n(1));
  assert.ok(add.ok && add.value.type.kind === "number" && !add.value.isKnown());
  const lt = ops.lessThan(DynamicVal, n(1));
  assert.ok(lt.ok && lt.value.type.kind === "bool" && !lt.value.isKnown());
});

test("ops: sensitive operands make sensitive results", () => {
  const secret = n(2).mark(SENSITIVE);
  for (const op of ["+", "-", "*", "/", "%", "<", "=="] as const) {
    const r = ops.binaryOps[op](n(1), secret);
    assert.ok(r.ok, op);
    assert.equal(r.value.isSensitive(), true, op);
  }
  const unknown = ops.add(secret, unk(NumberType));
  assert.ok(unknown.ok && unknown.value.isSensitive() && !unknown.value.isKnown());
  const deep = ops.equal(tup(s("a").mark(SENSITIVE)), tup(s("a")));
  assert.ok(deep.ok && deep.value.isSensitive() && deep.value.unmark().asBool() === true);
  const neg = ops.negate(secret);
  assert.ok(neg.ok && neg.value.isSensitive() && formatValue(neg.value.unmark()) === "-2");
});

test("ops: unary", () => {
  const cases: [ops.OpResult, string][] = [
    [ops.negate(n("0.5")), "-0.5"],
    [ops.negate(s("3")), "-3"],
    [ops.negate(n(0)), "-0"], // cty negates zero into -0, and Terraform prints it
    [ops.not(b(true)), "false"],
    [ops.not(s("false")), "true"],
    [ops.not(unk(BoolType)), "(known after apply)"],
    [ops.not(n(1)), "ERR Unsuitable value for unary operand: bool required."],
    [ops.negate(NullDynamic), "ERR Error during operation: argument must not be null."],
  ];
  for (const [r, want] of cases) assert.equal(r.ok ? formatValue(r.value) : `ERR ${r.detail}`, want);
});

test("valuesEqual and sets", () => {
  const eq = ops.valuesEqual(ops.setVal([s("b"), s("a")]), ops.setVal([s("a"), s("b"), s("a")]));
  assert.equal(eq.raw, true);
  const withUnknown = ops.setVal([unk(StringType), unk(StringType), s("a")]);
  assert.equal(withUnknown.length(), 3, "unknowns are never the same set element");
  assert.equal(formatValue(withUnknown), 'toset([\n  "a",\n  (known after apply),\n  (known after apply),\n])');
  const withNull = ops.setVal([nul(NumberType), n(2), n(1), nul(NumberType)]);
  assert.equal(formatValue(withNull), "toset([\n  1,\n  2,\n  tonumber(null),\n])");
  const bools = ops.setVal([b(true), b(false)]);
  assert.equal(formatValue(bools), "toset([\n  false,\n  true,\n])");
  assert.equal(ops.setValEmpty(StringType).type.kind, "set");
  const marked = ops.setVal([s("x").mark(SENSITIVE)]);
  assert.equal(marked.isSensitive(), true);
  assert.equal(setOf(DynamicPseudoType).kind, "set");
  assert.equal(listOf(StringType).kind, "list");
});
