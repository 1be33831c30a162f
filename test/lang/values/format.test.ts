import { test } from "node:test";
import assert from "node:assert/strict";
import { formatValue } from "../../../lang/values/format.js";
import { DynamicPseudoType, NumberType, StringType, listOf, mapOf, objectOf, setOf } from "../../../lang/values/types.js";
import { NullDynamic, SENSITIVE, Value } from "../../../lang/values/value.js";
import { b, list, map, n, nul, obj, s, tup, unk } from "./helpers.js";

const cases: [string, Value, string][] = [
  ["string", s("hello"), '"hello"'],
  ["string escapes as Go %q", s('a"b\\c\té\u0001'), '"a\\"b\\\\c\\té\\x01"'],
  ["interpolation sequences are not escaped", s("${x}"), '"${x}"'],
  ["multi-line string at top level", s("a\nb"), "<<EOT\na\nb\nEOT"],
  ["trailing newline keeps an empty last line", s("a\n"), "<<EOT\na\n\nEOT"],
  ["delimiter clash", s("x\n EOT \ny"), "<<EOT_\nx\n EOT \ny\nEOT_"],
  ["number", n("-0.5"), "-0.5"],
  ["big number", n("123456789012345678901234567890"), "123456789012345678901234567890"],
  ["bool", b(true), "true"],
  ["null", NullDynamic, "null"],
  ["typed nulls", tup(nul(StringType), nul(NumberType), nul(listOf(StringType)), nul(mapOf(NumberType)), nul(objectOf({}))), "[\n  tostring(null),\n  tonumber(null),\n  tolist(null) /* of string */,\n  tomap(null) /* of number */,\n  null /* object */,\n]"],
  ["set null", nul(setOf(DynamicPseudoType)), "toset(null) /* of dynamic */"],
  ["unknown", unk(StringType), "(known after apply)"],
  ["sensitive", s("x").mark(SENSITIVE), "(sensitive value)"],
  ["sensitive inside", tup(s("a"), s("b").mark(SENSITIVE)), '[\n  "a",\n  (sensitive value),\n]'],
  ["empty tuple", tup(), "[]"],
  ["empty object", obj({}), "{}"],
  ["empty list", list(StringType), "tolist([])"],
  ["object", obj({ name: s("x"), count: n(2) }), '{\n  "count" = 2\n  "name" = "x"\n}'],
  ["map", map({ a: n(1) }), 'tomap({\n  "a" = 1\n})'],
  ["nested with heredoc", obj({ text: s("l1\nl2") }), '{\n  "text" = <<-EOT\n  l1\n  l2\n  EOT\n}'],
  ["nested collections", list(listOf(NumberType), list(NumberType, n(1))), "tolist([\n  tolist([\n    1,\n  ]),\n])"],
];

for (const [name, v, want] of cases) {
  test(`format: ${name}`, () => assert.equal(formatValue(v), want));
}
