// Dynamic values encode byte for byte as go-cty's msgpack package encodes them (the bytes below are what
// cty.msgpack.Marshal produces for the same value and type), and decode back to the same value.
import assert from "node:assert/strict";
import fc from "fast-check";
import { describe, it } from "node:test";
import { decodeValue } from "../../../providers/plugin/msgpack-decode.js";
import { encodeValue, WireValueError } from "../../../providers/plugin/msgpack-values.js";
import { Encoder, ExtData } from "@msgpack/msgpack";
import { BigFloat } from "../../../lang/values/bigfloat.js";
import { setVal } from "../../../lang/values/set.js";
import { BoolType, DynamicPseudoType, hasDynamicTypes, listOf, mapOf, NumberType, objectOf, setOf, StringType, tupleOf, type Type, typeEquals } from "../../../lang/values/types.js";
import {
  boolVal,
  listVal,
  listValEmpty,
  mapVal,
  mapValEmpty,
  nullVal,
  numberVal,
  objectVal,
  rawEquals,
  setValEmpty,
  sortedMap,
  stringVal,
  tupleVal,
  unknownVal,
  Value,
} from "../../../lang/values/value.js";
import * as oracle from "./msgpack-oracle.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

const cases: { name: string; value: Value; type: Type; bytes: string }[] = [
  { name: "string", value: stringVal("a"), type: StringType, bytes: "a161" },
  { name: "null", value: nullVal(StringType), type: StringType, bytes: "c0" },
  { name: "unknown is extension 0 with one zero byte", value: unknownVal(StringType), type: StringType, bytes: "d40000" },
  { name: "bool", value: boolVal(true), type: BoolType, bytes: "c3" },
  { name: "small integer", value: numberVal(1), type: NumberType, bytes: "01" },
  { name: "negative integer", value: numberVal(-1), type: NumberType, bytes: "ff" },
  { name: "int64 (non-negative: unsigned, as Go's encoder writes it)", value: numberVal("9007199254740993"), type: NumberType, bytes: "cf0020000000000001" },
  { name: "negative int64", value: numberVal("-9007199254740993"), type: NumberType, bytes: "d3ffdfffffffffffff" },
  { name: "exact float", value: numberVal("1.5"), type: NumberType, bytes: "cb3ff8000000000000" },
  { name: "inexact in float64: decimal text", value: numberVal("0.1"), type: NumberType, bytes: "a3302e31" },
  { name: "past int64, exact in float64", value: numberVal("9223372036854775808"), type: NumberType, bytes: "cb43e0000000000000" },
  { name: "list", value: listVal([stringVal("x"), stringVal("y")]), type: listOf(StringType), bytes: "92a178a179" },
  { name: "set", value: setVal([numberVal(2), numberVal(1)]), type: setOf(NumberType), bytes: "920102" },
  { name: "map", value: mapVal({ b: numberVal(2), a: numberVal(1) }), type: mapOf(NumberType), bytes: "82a16101a16202" },
  { name: "object attributes in sorted order", value: objectVal({ z: boolVal(false), a: stringVal("s") }), type: objectOf({ z: BoolType, a: StringType }), bytes: "82a161a173a17ac2" },
  { name: "object whose type lists its attributes in order", value: objectVal({ a: stringVal("s"), z: nullVal(BoolType) }), type: objectOf({ a: StringType, z: BoolType }), bytes: "82a161a173a17ac0" },
  {
    name: "nested object",
    value: objectVal({ m: objectVal({ k: numberVal(1) }), n: unknownVal(StringType) }),
    type: objectOf({ m: objectOf({ k: NumberType }), n: StringType }),
    bytes: "82a16d81a16b01a16ed40000",
  },
  { name: "dynamic carries its type as JSON bytes", value: stringVal("v"), type: DynamicPseudoType, bytes: "92c40822737472696e6722a176" },
  { name: "dynamic tuple", value: tupleVal([boolVal(true)]), type: DynamicPseudoType, bytes: "92c4125b227475706c65222c5b22626f6f6c225d5d91c3" },
  { name: "unknown dynamic", value: unknownVal(DynamicPseudoType), type: DynamicPseudoType, bytes: "d40000" },
];

describe("msgpack dynamic values", () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(hex(encodeValue(c.value, c.type)), c.bytes);
      const back = decodeValue(Buffer.from(c.bytes, "hex"), c.type);
      assert.ok(!(back instanceof WireValueError), String((back as WireValueError).message));
      assert.ok(rawEquals(back, c.value), `${c.name} decodes to the same value`);
    });
  }

  it("reads refined unknowns (extension 12) as unknowns", () => {
    // Not null, string prefix "ab": {1: false, 2: "ab"}.
    const v = decodeValue(Buffer.from("c7070c8201c202a26162", "hex"), StringType);
    assert.ok(!(v instanceof WireValueError));
    assert.ok(!v.isKnown());
  });

  it("refuses what does not conform, with the path", () => {
    const v = decodeValue(encodeValue(objectVal({ a: numberVal(1) }), objectOf({ a: NumberType })), objectOf({ a: StringType }));
    assert.ok(v instanceof WireValueError);
    assert.equal(v.message, "a: string required");
    assert.ok(decodeValue(Buffer.from("c1", "hex"), StringType) instanceof WireValueError);
    const extra = decodeValue(encodeValue(objectVal({ a: numberVal(1), b: numberVal(2) }), objectOf({ a: NumberType, b: NumberType })), objectOf({ b: NumberType }));
    assert.ok(extra instanceof WireValueError);
    assert.equal(extra.message, 'unsupported attribute "a"');
  });

  it("an object decodes to the value it was encoded from, of its type, whatever the attributes' order", () => {
    const attr = fc.oneof(
      fc.string().map((s) => [StringType, stringVal(s)] as const),
      fc.integer().map((n) => [NumberType, numberVal(n)] as const),
      fc.boolean().map((b) => [BoolType, boolVal(b)] as const),
      fc.constant([StringType, nullVal(StringType)] as const),
      fc.constant([NumberType, unknownVal(NumberType)] as const),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), attr, { maxKeys: 6 }), fc.boolean(), (attrs, reversed) => {
        const names = Object.keys(attrs).sort();
        if (reversed) names.reverse();
        const type = objectOf(new Map(names.map((n) => [n, attrs[n]![0]])));
        const value = objectVal(Object.fromEntries(names.map((n) => [n, attrs[n]![1]])));
        const back = decodeValue(encodeValue(value, type), type);
        assert.ok(!(back instanceof WireValueError), String((back as WireValueError).message));
        assert.ok(rawEquals(back, value));
        assert.ok(typeEquals(back.type, type));
        assert.deepEqual([...(back.raw as ReadonlyMap<string, Value>).keys()], [...names].sort());
      }),
    );
  });
});

// The direct codec against the generic one it replaced (msgpack-oracle.ts, on @msgpack/msgpack): the same
// bytes for every value of every type, and the same value (or a refusal for both) for any payload.
const primitive = fc.constantFrom<Type>(StringType, NumberType, BoolType);
const typeArb: fc.Arbitrary<Type> = fc.letrec<{ t: Type }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    primitive,
    fc.constant<Type>(DynamicPseudoType),
    tie("t").map((e) => listOf(e)),
    tie("t").map((e) => setOf(e)),
    tie("t").map((e) => mapOf(e)),
    fc.array(tie("t"), { maxLength: 3 }).map((elems) => tupleOf(elems)),
    fc
      .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 5 }), tie("t")), { selector: ([k]) => k, maxLength: 5 })
      .map((attrs) => objectOf(new Map(attrs))),
  ),
})).t;

const numberArb = fc.oneof(
  fc.integer().map((n) => numberVal(n)),
  fc.double({ noNaN: true }).map((n) => numberVal(BigFloat.fromNumber(n))),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => numberVal(BigFloat.fromBigInt(n))),
  fc.constantFrom("0.1", "1e400", "-3.25", "4294967296", "-2147483649", "9007199254740993").map((s) => numberVal(s)),
);
const stringArb = fc.oneof(fc.string(), fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ minLength: 60, maxLength: 300 })).map((s) => stringVal(s));

/** A known value of `t` whose parts may be null or unknown; dynamic parts get a value of a primitive type. */
function valueOf(t: Type, depth = 0): fc.Arbitrary<Value> {
  const inner = depth > 0 ? fc.oneof({ weight: 1, arbitrary: fc.constant(nullVal(t)) }, { weight: 1, arbitrary: fc.constant(unknownVal(t)) }, { weight: 6, arbitrary: known(t, depth) }) : known(t, depth);
  return inner;
}
function known(t: Type, depth: number): fc.Arbitrary<Value> {
  switch (t.kind) {
    case "string":
      return stringArb;
    case "number":
      return numberArb;
    case "bool":
      return fc.boolean().map(boolVal);
    case "dynamic":
      return primitive.chain((p) => known(p, depth + 1));
    case "list":
      if (hasDynamicTypes(t.elem)) return fc.constant(listValEmpty(t.elem));
      return fc.array(valueOf(t.elem, depth + 1), { maxLength: 3 }).map((es) => (es.length === 0 ? listValEmpty(t.elem) : new Value(t, es)));
    case "set":
      if (hasDynamicTypes(t.elem)) return fc.constant(setValEmpty(t.elem));
      return fc.array(known(t.elem, depth + 1), { maxLength: 3 }).map((es) => (es.length === 0 ? setValEmpty(t.elem) : new Value(t, setVal(es).raw)));
    case "map":
      if (hasDynamicTypes(t.elem)) return fc.constant(mapValEmpty(t.elem));
      return fc.dictionary(fc.string({ maxLength: 4 }), valueOf(t.elem, depth + 1), { maxKeys: 3 }).map((d) => new Value(t, sortedMap(new Map(Object.entries(d)))));
    case "tuple":
      return fc.tuple(...t.elems.map((e) => valueOf(e, depth + 1))).map((es) => new Value(t, es));
    case "object":
      return fc.tuple(...[...t.attrs].map(([k, at]) => valueOf(at, depth + 1).map((v) => [k, v] as const))).map((es) => objectVal(new Map(es)));
  }
}

const sameDecoding = (bytes: Uint8Array, t: Type): void => {
  const got = decodeValue(bytes, t);
  const want = oracle.decodeValue(bytes, t);
  if (want instanceof oracle.WireValueError) {
    assert.ok(got instanceof WireValueError, `refused by the oracle (${want.message}), read as ${got instanceof WireValueError ? "" : got.type.kind}`);
    return;
  }
  assert.ok(!(got instanceof WireValueError), `the oracle reads it; the codec said ${(got as WireValueError).message}`);
  assert.ok(rawEquals(got, want), "the same value as the oracle");
  assert.ok(typeEquals(got.type, want.type), "of the same type");
};

describe("msgpack dynamic values against the generic codec", () => {
  it("writes the bytes the generic codec writes and reads them back as it does", () => {
    fc.assert(
      fc.property(
        typeArb.chain((t) => fc.tuple(fc.constant(t), valueOf(t))),
        fc.nat(),
        fc.nat(255),
        ([t, v], cut, flip) => {
          const bytes = encodeValue(v, t);
          assert.equal(hex(bytes), hex(oracle.encodeValue(v, t)));
          sameDecoding(bytes, t);
          // Cut short, and with one byte changed: refused or read alike.
          sameDecoding(bytes.subarray(0, cut % bytes.length), t);
          const changed = Uint8Array.from(bytes);
          changed[cut % bytes.length] = flip;
          sameDecoding(changed, t);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reads any payload as the generic codec does, or refuses it as it does", () => {
    const doc: fc.Arbitrary<unknown> = fc.letrec<{ d: unknown }>((tie) => ({
      d: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double(),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
        fc.string({ maxLength: 6 }),
        fc.constantFrom("a", "b", "0.5", "12"),
        fc.uint8Array({ maxLength: 4 }),
        fc.array(tie("d"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("a", "b", "c", "x", "1"), tie("d"), { maxKeys: 3 }),
        fc.constantFrom(new ExtData(0, new Uint8Array([0])), new ExtData(12, new Uint8Array([0x81, 0x01, 0xc2])), new ExtData(12, new Uint8Array([0xc1, 0x00])), new ExtData(3, new Uint8Array([1, 2]))),
      ),
    })).d;
    const types = fc.oneof(typeArb, fc.constantFrom<Type>(objectOf({ a: NumberType, b: StringType }), objectOf({ b: listOf(StringType), a: BoolType, c: DynamicPseudoType }), mapOf(NumberType)));
    const payload = fc.oneof(
      doc.map((d) => new Encoder({ useBigInt64: true }).encode(d)),
      doc.map((d) => new Encoder({ useBigInt64: true }).encode(d)).chain((b) => fc.nat({ max: Math.max(0, b.length - 1) }).map((n) => b.subarray(0, n))),
      fc.uint8Array({ maxLength: 12 }),
    );
    fc.assert(fc.property(payload, types, (bytes, t) => sameDecoding(bytes, t)), { numRuns: 3000 });
  });
});
