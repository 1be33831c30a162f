// canonicalJson against its definition: compact JSON, object keys in Go's order (UTF-8 bytes, so code points),
// undefined properties left out, LosslessNumbers as their text; and no nesting too deep for it (values nested
// past its recursion limit are written by a work-stack loop).

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson, compareGoStrings, type JsonValue, LosslessNumber } from "../../../lang/values/json-exact.js";
import { exactJsonArbitrary } from "../../support/json-arbitrary.js";

/** The definition, written plainly: recursion, and every object's keys sorted. */
function reference(v: JsonValue | undefined): string {
  if (v === undefined) return "";
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (v instanceof LosslessNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(reference).join(",")}]`;
  const obj = v as Record<string, JsonValue | undefined>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareGoStrings);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(",")}}`;
}

// Keys from a small alphabet (collisions, prefixes, orders), with characters on both sides of the
// surrogate range, where JavaScript's `<` and Go's byte order disagree.
const keyArb = fc.array(fc.constantFrom("a", "b", "Z", "_", "é", "\uffff", "😀", "\ue000"), { maxLength: 3 }).map((cs) => cs.join(""));
const jsonArb = exactJsonArbitrary({ keys: fc.oneof(keyArb, fc.string()), undefinedMembers: true, maxKeys: 20 });

test("property: canonicalJson is its definition (key order, undefined left out, exact numbers)", () => {
  fc.assert(
    fc.property(jsonArb, (v) => assert.equal(canonicalJson(v), reference(v))),
    { numRuns: 2000 },
  );
});

/** An array or object nesting `depth` levels around a leaf. */
function nested(depth: number, kind: "array" | "object"): JsonValue {
  let v: JsonValue = { z: 1, a: [true, null] };
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v, i] : { b: v, a: i };
  return v;
}

const depths: { depth: number; kind: "array" | "object" }[] = [
  { depth: 199, kind: "object" },
  { depth: 200, kind: "array" },
  { depth: 201, kind: "object" },
  { depth: 1_000, kind: "array" },
  { depth: 50_000, kind: "object" },
  { depth: 50_000, kind: "array" },
];

/** The expected text of nested(depth, kind), built as the value was. */
function nestedText(depth: number, kind: "array" | "object"): string {
  let t = '{"a":[true,null],"z":1}';
  for (let i = 0; i < depth; i++) t = kind === "array" ? `[${t},${i}]` : `{"a":${i},"b":${t}}`;
  return t;
}

for (const { depth, kind } of depths) {
  test(`canonicalJson of ${kind}s nested ${depth} deep`, () => {
    assert.equal(canonicalJson(nested(depth, kind)), nestedText(depth, kind));
  });
}

// Objects of every size around the in-place ordering's limit, with keys whose order differs between
// JavaScript's `<` (UTF-16 units) and Go's (code points), given in reverse order.
for (const size of [2, 16, 17, 40]) {
  test(`canonicalJson orders ${size} keys as Go does`, () => {
    const keys = Array.from({ length: size }, (_, i) => (i % 2 === 0 ? `\ue000${String(i).padStart(2, "0")}` : `😀${String(i).padStart(2, "0")}`)).reverse();
    const v: JsonValue = Object.fromEntries(keys.map((k, i) => [k, i]));
    assert.equal(canonicalJson(v), reference(v));
    assert.ok(canonicalJson(v).startsWith('{"\ue00000":'));
  });
}
