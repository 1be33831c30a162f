// isValidIdentifier's ASCII path agrees with HCL's rule written as a Unicode pattern, for any string.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { isValidIdentifier } from "../../lang/hcl-quote.js";

const rule = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

const cases: [string, boolean][] = [
  ["a", true],
  ["_", true],
  ["terraform_data", true],
  ["r-1", true],
  ["A9", true],
  ["", false],
  ["1a", false],
  ["-a", false],
  ["a.b", false],
  ["a b", false],
  ["é", true],
  ["aé-1", true],
  ["1é", false],
  ["a\u00b7", true],
  ["😀", false],
];

for (const [name, valid] of cases) {
  test(`isValidIdentifier(${JSON.stringify(name)}) is ${valid}`, () => {
    assert.equal(isValidIdentifier(name), valid);
    assert.equal(rule.test(name), valid);
  });
}

test("isValidIdentifier agrees with the Unicode pattern on generated strings", () => {
  const chars = fc.constantFrom(..."aZ_-09.$ \t\n@".split(""), "é", "\u00b7", "\u0301", "😀", "Ω", "\u200d");
  fc.assert(fc.property(fc.array(chars, { maxLength: 12 }).map((a) => a.join("")), (s) => assert.equal(isValidIdentifier(s), rule.test(s), JSON.stringify(s))), { numRuns: 3000 });
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 10 }), (s) => assert.equal(isValidIdentifier(s), rule.test(s), JSON.stringify(s))), { numRuns: 3000 });
});
