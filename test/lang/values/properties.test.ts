import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { BigFloat } from "../../../lang/values/bigfloat.js";
import { convert, convertibility } from "../../../lang/values/convert.js";
import { jsonTextToValue, typeFromJSONText, typeToJSONText, valueToJSONText } from "../../../lang/values/json.js";
import { add, multiply, setVal, subtract, valuesEqual } from "../../../lang/values/ops.js";
import { unifyTypes } from "../../../lang/values/unify.js";
import { formatValue } from "../../../lang/values/format.js";
import { typeEquals, typeString, type Type } from "../../../lang/values/types.js";
import { Value, listValEmpty, mapValEmpty, mapVal, numberVal, rawEquals, stringVal, boolVal, objectVal, tupleVal } from "../../../lang/values/value.js";
import { listOf, NumberType, StringType } from "../../../lang/values/types.js";

const decimalText = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 20 }))
  .map(([digits, scale]) => {
    const neg = digits < 0n;
    const s = (neg ? -digits : digits).toString().padStart(scale + 1, "0");
    const text = scale === 0 ? s : `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
    return (neg ? "-" : "") + text;
  });

const primitive: fc.Arbitrary<Value> = fc.oneof(
  fc.string().map((s) => stringVal(s)),
  decimalText.map((t) => numberVal(t)),
  fc.boolean().map((b) => boolVal(b)),
);

const key = fc.string({ minLength: 0, maxLength: 6 });

/** Known, unmarked values of every kind (collections have one element type, as cty requires). */
const anyValue: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    fc.array(tie("value"), { maxLength: 4 }).map((xs) => tupleVal(xs)),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }).map((o) => objectVal(o)),
    fc.array(primitive, { maxLength: 4 }).map((xs) => homogeneous(xs, "list")),
    fc.array(primitive, { maxLength: 4 }).map((xs) => homogeneous(xs, "set")),
    fc.dictionary(key, primitive, { maxKeys: 4 }).map((o) => homogeneousMap(o)),
  ),
})).value;

function homogeneous(xs: Value[], kind: "list" | "set"): Value {
  const same = xs.filter((x) => x.type.kind === (xs[0]?.type.kind ?? "string"));
  if (same.length === 0) return listValEmpty(StringType);
  return kind === "set" ? setVal(same) : new Value(listOf(same[0]!.type), same);
}

function homogeneousMap(o: Record<string, Value>): Value {
  const entries = Object.entries(o);
  const kind = entries[0]?.[1].type.kind;
  const same = Object.fromEntries(entries.filter(([, v]) => v.type.kind === kind));
  return Object.keys(same).length === 0 ? mapValEmpty(NumberType) : mapVal(same);
}

const runs = { numRuns: 300 };

test("property: convert(v, v.type) is the identity", () => {
  fc.assert(
    fc.property(anyValue, (v) => {
      const r = convert(v, v.type);
      assert.ok(r.ok);
      assert.ok(rawEquals(r.value, v));
    }),
    runs,
  );
});

test("property: JSON round trip preserves value and type", () => {
  fc.assert(
    fc.property(anyValue, (v) => {
      const text = valueToJSONText(v);
      assert.ok(text.ok);
      const back = jsonTextToValue(text.text, v.type);
      assert.ok(back.ok, back.ok ? "" : back.message);
      assert.ok(rawEquals(back.value, v), `${formatValue(v)} vs ${formatValue(back.value)}`);
      const t = typeFromJSONText(typeToJSONText(v.type));
      assert.ok(t.ok && typeEquals(t.type, v.type));
    }),
    runs,
  );
});

test("property: a value equals itself; setVal is order-independent", () => {
  fc.assert(
    fc.property(anyValue, (v) => {
      assert.equal(valuesEqual(v, v).raw, true);
    }),
    runs,
  );
  fc.assert(
    fc.property(fc.array(decimalText, { minLength: 1, maxLength: 8 }), (xs) => {
      const a = setVal(xs.map((x) => numberVal(x)));
      const b = setVal([...xs].reverse().map((x) => numberVal(x)));
      assert.ok(rawEquals(a, b));
      assert.equal(a.length(), new Set(xs.map((x) => numberVal(x).asNumber().toString())).size);
    }),
    runs,
  );
});

test("property: addition and multiplication commute; integers add and subtract exactly", () => {
  fc.assert(
    fc.property(decimalText, decimalText, fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), (x, y, k) => {
      const a = numberVal(x);
      const b = numberVal(y);
      const ab = add(a, b);
      const ba = add(b, a);
      assert.ok(ab.ok && ba.ok);
      assert.equal(valuesEqual(ab.value, ba.value).raw, true);
      const m1 = multiply(a, b);
      const m2 = multiply(b, a);
      assert.ok(m1.ok && m2.ok && valuesEqual(m1.value, m2.value).raw === true);
      const i = numberVal(k.toString());
      const sum = add(i, numberVal("12345"));
      assert.ok(sum.ok);
      const back = subtract(sum.value, numberVal("12345"));
      assert.ok(back.ok);
      assert.equal(back.value.asNumber().truncToBigInt(), k);
    }),
    runs,
  );
});

// At 53 bits math/big rounds exactly as IEEE doubles do, so JavaScript's own arithmetic is an oracle for
// the rounding of every operation, and for parsing.
test("property: at 53 bits, BigFloat arithmetic and parsing agree with float64", () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });
  fc.assert(
    fc.property(finite, finite, (x, y) => {
      const a = BigFloat.fromNumber(x);
      const b = BigFloat.fromNumber(y);
      assert.ok(Object.is(a.toNumber(), x));
      // math/big has no subnormals (its exponent is unbounded): a float64 result below the normal range is
      // rounded by IEEE's gradual underflow, which go-cty (and so Terraform) does not do.
      const comparable = (r: number) => r === 0 || Math.abs(r) >= 2.2250738585072014e-308;
      if (comparable(x + y)) assert.ok(Object.is(a.addAt(b, 53).toNumber(), x + y), `${x} + ${y}`);
      if (comparable(x * y)) assert.ok(Object.is(a.mulAt(b, 53).toNumber(), x * y), `${x} * ${y}`);
      if (y !== 0 && comparable(x / y)) assert.ok(Object.is(a.quoAt(b, 53).toNumber(), x / y), `${x} / ${y}`);
      if (comparable(x)) assert.ok(BigFloat.parse(String(x).replace("e+", "e"), 53)!.toNumber() === x, `parse ${x}`); // String(-0) is "0"
      // the shortest text reads back to the same value (math/big's symmetric bounds make powers of two an
      // exception, which Terraform shares)
      if (a.minPrec() > 1) assert.ok(BigFloat.parse(a.toString(), 53)!.eq(a), `shortest ${x}`);
    }),
    { numRuns: 1000 },
  );
  fc.assert(
    fc.property(fc.stringMatching(/^[1-9][0-9]{0,25}\.[0-9]{1,25}$/), fc.integer({ min: -20, max: 20 }), (m, e) => {
      const text = `${m}e${e}`;
      assert.ok(Object.is(BigFloat.parse(text, 53)!.toNumber(), Number(text)), text);
      const wide = BigFloat.parse(text)!;
      if (wide.minPrec() > 1) assert.ok(BigFloat.parse(wide.toString())!.eq(wide), `512-bit shortest ${text}`);
    }),
    { numRuns: 1000 },
  );
});

test("property: the unified type is reachable from every input type", () => {
  fc.assert(
    fc.property(fc.array(anyValue, { minLength: 1, maxLength: 4 }), (vals) => {
      const types: Type[] = vals.map((v) => v.type);
      const u = unifyTypes(types);
      if (u === undefined) {
        // No common type is possible only between different types.
        assert.ok(new Set(types.map(typeString)).size > 1, types.map(typeString).join(", "));
        return;
      }
      for (const t of types) assert.ok(convertibility(t, u), `${typeString(t)} -> ${typeString(u)}`);
    }),
    runs,
  );
});
