import { test } from "node:test";
import assert from "node:assert/strict";
import {
  impliedTypeOfJSON,
  jsonTextToValue,
  jsonToValue,
  typeFromJSONText,
  typeToJSON,
  typeToJSONText,
  valueToJSON,
  valueToJSONText,
} from "../../../lang/values/json.js";
import { formatValue } from "../../../lang/values/format.js";
import {
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
import { DynamicVal, SENSITIVE } from "../../../lang/values/value.js";
import { b, list, map, n, nul, obj, s, tup, unk } from "./helpers.js";

test("json: encoding", () => {
  const cases: [ReturnType<typeof s>, string][] = [
    [n("12345678901234567890"), "12345678901234567890"],
    [n("0.1"), "0.1"],
    [n("1e20"), "100000000000000000000"],
    [n("-2.50"), "-2.5"],
    [s('a"b\\c\n<>&\u2028'), '"a\\"b\\\\c\\n\\u003c\\u003e\\u0026\\u2028"'],
    [b(false), "false"],
    [nul(StringType), "null"],
    [tup(n(1), s("x"), nul(NumberType)), '[1,"x",null]'],
    [obj({ b: n(1), a: tup() }), '{"a":[],"b":1}'],
    [map({ z: s("1"), a: s("2") }), '{"a":"2","z":"1"}'],
    [list(StringType), "[]"],
  ];
  for (const [v, want] of cases) {
    const r = valueToJSONText(v);
    assert.ok(r.ok);
    assert.equal(r.text, want);
  }
});

test("json: values that cannot be encoded", () => {
  assert.deepEqual(valueToJSONText(unk(StringType)), { ok: false, message: "value is not known" });
  assert.deepEqual(valueToJSONText(tup(DynamicVal)), { ok: false, message: "value is not known" });
  assert.deepEqual(valueToJSONText(s("x").mark(SENSITIVE)), {
    ok: false,
    message: "value has marks, so it cannot be serialized as JSON",
  });
  const infinity = jsonTextToValue('"Inf"', NumberType);
  assert.ok(infinity.ok);
  assert.deepEqual(valueToJSONText(infinity.value), { ok: false, message: "cannot serialize infinity as JSON" });
});

test("json: dynamic wrapper", () => {
  const r = valueToJSONText(tup(n(1)), DynamicPseudoType);
  assert.ok(r.ok);
  assert.equal(r.text, '{"value":[1],"type":["tuple",["number"]]}');
  const back = jsonTextToValue(r.text, DynamicPseudoType);
  assert.ok(back.ok);
  assert.equal(formatValue(back.value), "[\n  1,\n]");
});

test("json: decoding with implied types keeps precision", () => {
  const r = jsonTextToValue('{"big": 12345678901234567890, "f": 0.1, "l": [1, "a", null], "o": {}}');
  assert.ok(r.ok);
  assert.equal(typeString(r.value.type), "object({big=number, f=number, l=tuple([number, string, any]), o=object({})})");
  assert.equal(formatValue(r.value.asEntries().get("big")!), "12345678901234567890");
  const again = valueToJSONText(r.value);
  assert.ok(again.ok);
  assert.equal(again.text, '{"big":12345678901234567890,"f":0.1,"l":[1,"a",null],"o":{}}');
});

test("json: decoding to a type", () => {
  const cases: [string, Type, string][] = [
    ['["b","a","b"]', setOf(StringType), 'toset([\n  "a",\n  "b",\n])'],
    ['{"a": 1}', mapOf(StringType), 'tomap({\n  "a" = "1"\n})'],
    ['{"a": "5"}', objectOf({ a: NumberType, b: StringType }), '{\n  "a" = 5\n  "b" = tostring(null)\n}'],
    ['{"c": 1}', objectOf({ a: NumberType }), 'ERR unsupported attribute "c"'],
    ["[1,2,3]", tupleOf([NumberType]), "ERR too many tuple elements (need 1)"],
    ["[]", tupleOf([NumberType]), "ERR not enough tuple elements (need 1)"],
    ["true", NumberType, "ERR number is required"],
    ['"x"', NumberType, "ERR a number is required"],
    ["[true]", listOf(StringType), 'tolist([\n  "true",\n])'],
    ["null", listOf(StringType), "tolist(null) /* of string */"],
  ];
  for (const [text, t, want] of cases) {
    const r = jsonTextToValue(text, t);
    assert.equal(r.ok ? formatValue(r.value) : `ERR ${r.message}`, want, text);
  }
});

test("json: syntax errors use Go's wording", () => {
  const cases: [string, string][] = [
    ["", "EOF"],
    ["{", "unexpected EOF"],
    ["[1,]", "invalid character ']' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ["[1 2]", "invalid character '2' after array element"],
    ["{1:2}", "invalid character '1' looking for beginning of object key string"],
    ["tru", "unexpected EOF"],
    ["trux", "invalid character 'x' in literal true (expecting 'e')"],
    ['"a\\q"', "invalid character 'q' in string escape code"],
    ["1 2", "extraneous data after JSON object"],
    ["-", "unexpected EOF"],
    ["-a", "invalid character 'a' in numeric literal"],
    ["[" .repeat(5000), "exceeded max depth of 1000"],
  ];
  for (const [text, want] of cases) {
    const r = jsonTextToValue(text);
    assert.equal(r.ok ? "ok" : r.message, want, JSON.stringify(text.slice(0, 20)));
  }
});

test("json: types", () => {
  const t = objectWithOptional({ b: listOf(NumberType), a: tupleOf([StringType, DynamicPseudoType]) }, ["b"]);
  assert.equal(typeToJSONText(t), '["object",{"a":["tuple",["string","dynamic"]],"b":["list","number"]},["b"]]');
  assert.deepEqual(typeToJSON(mapOf(setOf(StringType))), ["map", ["set", "string"]]);
  const back = typeFromJSONText(typeToJSONText(t));
  assert.ok(back.ok);
  assert.equal(typeToJSONText(back.type), typeToJSONText(t));
  assert.deepEqual(typeFromJSONText('"strin"'), { ok: false, message: 'invalid primitive type name "strin"' });
  const implied = impliedTypeOfJSON('[{"a":true}]');
  assert.ok(implied.ok);
  assert.equal(typeString(implied.type), "tuple([object({a=bool})])");
});

test("json: from JavaScript structures", () => {
  const r = jsonToValue({ a: [1, 2.5], b: null }, objectOf({ a: listOf(StringType), b: NumberType }));
  assert.ok(r.ok);
  assert.equal(formatValue(r.value), '{\n  "a" = tolist([\n    "1",\n    "2.5",\n  ])\n  "b" = tonumber(null)\n}');
  const js = valueToJSON(r.value);
  assert.deepEqual(js, { ok: true, json: { a: ["1", "2.5"], b: null } });
});
