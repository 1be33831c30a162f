// Dynamic values encode byte for byte as go-cty's msgpack package encodes them (the bytes below are what
// cty.msgpack.Marshal produces for the same value and type), and decode back to the same value.
import assert from "node:assert/strict";
import fc from "fast-check";
import { describe, it } from "node:test";
import { decodeValue, encodeValue, WireValueError } from "../../../providers/plugin/msgpack-values.js";
import { setVal } from "../../../lang/values/set.js";
import { BoolType, DynamicPseudoType, listOf, mapOf, NumberType, objectOf, setOf, StringType, type Type, typeEquals } from "../../../lang/values/types.js";
import { boolVal, listVal, mapVal, nullVal, numberVal, objectVal, rawEquals, stringVal, tupleVal, unknownVal, type Value } from "../../../lang/values/value.js";

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
