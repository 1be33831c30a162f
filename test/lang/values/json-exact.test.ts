// parseJsonExact's fast path: JSON.parse only when no number token would print back differently, which
// hasLossyNumber decides with a scan that jumps over strings. Checked against the one reader's own tokens.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { hasLossyNumber, isLossy, LosslessNumber, parseJsonExact } from "../../../lang/values/json-exact.js";
import { readJson, type JsonSink } from "../../../lang/values/json-reader.js";

/** Whether any number token of `text` is lossy, by the reader's tokens (undefined when it is not JSON). */
function anyLossyToken(text: string): boolean | undefined {
  let lossy = false;
  const sink: JsonSink<null, null, null> = {
    null: null,
    true: null,
    false: null,
    string: () => null,
    number: (t) => ((lossy ||= isLossy(t)), null),
    openObject: () => null,
    member: () => undefined,
    closeObject: () => null,
    openArray: () => null,
    element: () => undefined,
    closeArray: () => null,
  };
  return readJson(Buffer.from(text, "utf8"), sink, { maxDepth: 10_000 }).ok ? lossy : undefined;
}

const numberToken = fc.oneof(
  fc.constantFrom("0", "-0", "1.0", "1e5", "0.1", "12345678901234567890", "-3", "2.5E-3", "123456789012345"),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
);
// Strings that look like numbers, hold escaped quotes and backslashes, or end in backslashes.
const stringToken = fc.oneof(fc.string(), fc.constantFrom("1.0", '\\"1.0', "a\\", "\\\\", '"', "x\\\\\\\"1e5")).map((s) => JSON.stringify(s));
// JSON's whitespace around a value, as an indented file has it (the scan must see a number after a newline
// and indentation as well as straight after its punctuation).
const space = fc.constantFrom("", " ", "\n  ", "\t", "\r\n");
const json: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc
    .tuple(space, fc.oneof({ depthSize: "small" }, numberToken, stringToken, tie("array"), tie("object")), space)
    .map(([before, v, after]) => `${before}${v}${after}`),
  array: fc.array(tie("value"), { maxLength: 5 }).map((items) => `[${items.join(",")}]`),
  object: fc.array(fc.tuple(stringToken, tie("value")), { maxLength: 5 }).map((es) => `{${es.map(([k, v]) => `${k}:${v}`).join(", ")}}`),
})).value as fc.Arbitrary<string>;

test("hasLossyNumber says whether any number token (never a string's text) would print back differently", () => {
  fc.assert(
    fc.property(json, (text) => {
      assert.equal(hasLossyNumber(text), anyLossyToken(text));
    }),
    { numRuns: 3000 },
  );
});

test("parseJsonExact keeps exactly the lossy numbers as their text, whichever path read them", () => {
  const cases: readonly [string, unknown][] = [
    ['{"a":1,"b":"1.0"}', { a: 1, b: "1.0" }],
    ['{"a":1.0}', { a: new LosslessNumber("1.0") }],
    ['["\\\\",1e5]', ["\\", new LosslessNumber("1e5")]],
    ['["\\"1.0",0.5]', ['"1.0', 0.5]],
  ];
  for (const [text, want] of cases) {
    const got = parseJsonExact(text);
    assert.ok(got.ok, text);
    assert.deepEqual(got.value, want, text);
  }
});
