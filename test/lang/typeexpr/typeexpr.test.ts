import { test } from "node:test";
import assert from "node:assert/strict";
import { parseExpression } from "../../../lang/syntax/parser.js";
import { exactType, typeConstraint, typeConstraintString } from "../../../lang/typeexpr/index.js";
import { formatRange } from "../../../lang/pos.js";
import { convert } from "../../../lang/values/convert.js";
import { formatValue } from "../../../lang/values/format.js";
import { jsonTextToValue } from "../../../lang/values/json.js";

const parse = (src: string) => {
  const r = parseExpression(src, "t.tf");
  assert.deepEqual(r.diags, [], `parse ${src}`);
  return r.expr;
};

const ok: [string, string][] = [
  ["string", "string"],
  ["number", "number"],
  ["bool", "bool"],
  ["any", "any"],
  ["(string)", "string"],
  ["list(string)", "list(string)"],
  ["set(number)", "set(number)"],
  ["map(any)", "map(any)"],
  ["tuple([string, number, bool])", "tuple([string,number,bool])"],
  ["object({})", "object({})"],
  ["object({ b = number, a = list(string) })", "object({a=list(string),b=number})"],
  ["object({ a = optional(string), b = optional(number, 1) })", "object({a=optional(string),b=optional(number)})"],
  ["list(object({ x = optional(map(string), {}) }))", "list(object({x=optional(map(string))}))"],
];

for (const [src, want] of ok) {
  test(`typeexpr: ${src}`, () => {
    const r = typeConstraint(parse(src));
    assert.deepEqual(r.diags, []);
    assert.equal(typeConstraintString(r.type), want);
  });
}

const bad: [string, string, string, string][] = [
  ["strin", "Invalid type specification", 'The keyword "strin" is not a valid type specification.', "t.tf:1,1-1,6"],
  ["list", "Invalid type specification", "The list type constructor requires one argument specifying the element type.", "t.tf:1,1-1,5"],
  ["object", "Invalid type specification", "The object type constructor requires one argument specifying the attribute types and values as a map.", "t.tf:1,1-1,7"],
  ["list(string, number)", "Invalid type specification", "The list type constructor requires one argument specifying the element type.", "t.tf:1,14-1,20"],
  ["map()", "Invalid type specification", "The map type constructor requires one argument specifying the element type.", "t.tf:1,4-1,6"],
  ["string(1)", "Invalid type specification", 'Primitive type keyword "string" does not expect arguments.', "t.tf:1,7-1,10"],
  ["any()", "Invalid type specification", 'Type constraint keyword "any" does not expect arguments.', "t.tf:1,4-1,6"],
  ["foo(string)", "Invalid type specification", 'Keyword "foo" is not a valid type constructor.', "t.tf:1,1-1,12"],
  ["optional(string)", "Invalid type specification", 'Keyword "optional" is valid only as a modifier for object type attributes.', "t.tf:1,1-1,9"],
  ['"string"', "Invalid type specification", "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).", "t.tf:1,1-1,9"],
  ["object([string])", "Invalid type specification", "Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.", "t.tf:1,8-1,16"],
  ["tuple(string)", "Invalid type specification", "Tuple type constructor requires a list of element types.", "t.tf:1,7-1,13"],
  ['object({"a b" = string})', "Invalid type specification", "Object constructor map keys must be attribute names.", "t.tf:1,9-1,14"],
  ["object({a = optional()})", "Invalid type specification", "Optional attribute modifier requires the attribute type as its argument.", "t.tf:1,21-1,23"],
  ["object({a = optional(string, 1, 2)})", "Invalid type specification", "Optional attribute modifier expects at most two arguments: the attribute type, and a default value.", "t.tf:1,21-1,35"],
  ['object({a = optional(number, "x")})', "Invalid default value for optional attribute", "This default value is not compatible with the attribute's type constraint: a number is required.", "t.tf:1,30-1,33"],
  ["object({a = optional(string, var.x)})", "Variables not allowed", "", "t.tf:1,30-1,33"],
];

for (const [src, summary, detail, range] of bad) {
  test(`typeexpr error: ${src}`, () => {
    const r = typeConstraint(parse(src));
    assert.ok(r.diags.length >= 1);
    const d = r.diags[0]!;
    assert.equal(d.severity, "error");
    assert.equal(d.summary, summary);
    if (detail !== "") assert.equal(d.detail, detail);
    assert.equal(formatRange(d.subject!), range);
  });
}

test("typeexpr: exact types refuse any and optional", () => {
  assert.equal(exactType(parse("any")).diags[0]!.detail, 'The keyword "any" cannot be used in this type specification: an exact type is required.');
  assert.equal(
    exactType(parse("object({a = optional(string)})")).diags[0]!.detail,
    "Optional attribute modifier is only for type constraints, not for exact types.",
  );
});

test("typeexpr: deep nesting gives a diagnostic", () => {
  const src = "list(".repeat(150) + "string" + ")".repeat(150);
  const parsed = parseExpression(src, "t.tf");
  const r = typeConstraint(parsed.expr);
  assert.ok(r.diags.some((d) => d.summary === "Invalid type specification") || parsed.diags.length > 0);
});

test("typeexpr: defaults are applied by conversion, at every depth", () => {
  const t = typeConstraint(
    parse(`list(object({
      name = string
      port = optional(number, 80)
      tags = optional(map(string), {})
      tls  = optional(object({ enabled = optional(bool, true), cert = optional(string) }), {})
    }))`),
  );
  assert.deepEqual(t.diags, []);
  const input = jsonTextToValue('[{"name":"a"},{"name":"b","port":"8080","tls":{"enabled":false}}]');
  assert.ok(input.ok);
  const r = convert(input.value, t.type);
  assert.ok(r.ok, r.ok ? "" : r.message);
  assert.equal(
    formatValue(r.value),
    `tolist([
  {
    "name" = "a"
    "port" = 80
    "tags" = tomap({})
    "tls" = {
      "cert" = tostring(null)
      "enabled" = true
    }
  },
  {
    "name" = "b"
    "port" = 8080
    "tags" = tomap({})
    "tls" = {
      "cert" = tostring(null)
      "enabled" = false
    }
  },
])`,
  );
  const noName = jsonTextToValue('[{"port": 1}]');
  assert.ok(noName.ok);
  assert.deepEqual(convert(noName.value, t.type), { ok: false, message: 'element 0: attribute "name" is required' });
});
