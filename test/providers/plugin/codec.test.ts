// JSON DynamicValues (UpgradeResourceState's raw state) read as the exact JSON reader reads them: the fast
// path (JSON.parse when every number prints back as written) gives the same value, or the same message. (An
// empty payload is a null value, before either reader. An object with a key twice reads as JSON.parse reads it,
// the last one, as Cairn reads its state file; the exact reader also reads the first. Neither Cairn nor
// Terraform writes one.)
import assert from "node:assert/strict";
import fc from "fast-check";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../../lang/diagnostics.js";
import { jsonTextToValue } from "../../../lang/values/json.js";
import { BoolType, DynamicPseudoType, listOf, mapOf, NumberType, objectOf, setOf, StringType, type Type, typeEquals } from "../../../lang/values/types.js";
import { rawEquals } from "../../../lang/values/value.js";
import { dynamicFromWire } from "../../../providers/plugin/codec.js";

const types: Type[] = [
  objectOf({ a: StringType, b: NumberType, c: BoolType }),
  objectOf({ c: listOf(StringType), a: mapOf(NumberType), b: DynamicPseudoType }),
  objectOf({ b: setOf(objectOf({ a: StringType })), a: objectOf({ c: NumberType }) }),
  mapOf(StringType),
  DynamicPseudoType,
];

const key = fc.constantFrom("a", "b", "c", "type", "value", "1", "__proto__");
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom("1.0", "1e400", "-0", "12345678901234567890", "0.1", "1.5e3"),
  fc.string({ maxLength: 5 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"string"', '"number"', '"bool"', '["list","string"]', '"\\ud800"', '"true"', '"12"'),
);
const text: fc.Arbitrary<string> = fc.letrec<{ j: string }>((tie) => ({
  j: fc.oneof(
    { depthSize: "small" },
    scalar.map((s) => (s === null ? "null" : String(s))),
    fc.array(tie("j"), { maxLength: 3 }).map((es) => `[${es.join(",")}]`),
    fc.uniqueArray(fc.tuple(key, tie("j")), { selector: ([k]) => k, maxLength: 4 }).map((ms) => `{${ms.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
  ),
})).j;

describe("JSON dynamic values from the wire", () => {
  it("read as jsonTextToValue reads them", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ minLength: 1, maxLength: 8 })), fc.constantFrom(...types), (json, t) => {
        const diags: Diagnostic[] = [];
        const got = dynamicFromWire({ json: Buffer.from(json) }, t, "state", diags);
        const want = jsonTextToValue(json, t);
        if (!want.ok) {
          assert.equal(diags.length, 1);
          assert.ok(diags[0]!.detail!.includes(want.message), `${diags[0]!.detail} names ${want.message}`);
          return;
        }
        assert.deepEqual(diags, []);
        assert.ok(rawEquals(got, want.value));
        assert.ok(typeEquals(got.type, want.value.type));
      }),
      { numRuns: 3000 },
    );
  });
});
