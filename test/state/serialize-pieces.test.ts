// stateChunks gives long attribute strings pieces of their own (so writing a state never copies a 1.4 MB
// instance whole): the pieces must join to exactly the text the one-piece-per-instance layout gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { serializeState, stateChunks } from "../../state/serialize.js";
import { StringMemo, type JsonValue } from "../../lang/values/json-exact.js";
import { emptyState, type StateFile } from "../../state/model.js";

const long = (seed: string, chars = StringMemo.MIN + 10): string => seed.repeat(Math.ceil(chars / seed.length));

function state(attrs: { [k: string]: JsonValue }[]): StateFile {
  const s = emptyState("1.9.0", "l");
  s.resources = [{ mode: "managed", type: "terraform_data", name: "blob", provider: "p", instances: attrs.map((a, k) => ({ index_key: k, schema_version: 0, attributes: a, sensitive_attributes: [] })) }];
  return s;
}

const payload = long("MIIDdzCCAl+gAwIBAgIEAgAAuTAN\n", 200_000);
const cases: { name: string; state: StateFile }[] = [
  { name: "no long strings", state: state([{ id: "a" }, { id: "b", input: "x" }]) },
  { name: "one payload shared by every instance, twice each", state: state([0, 1, 2, 3].map((k) => ({ id: `i${k}`, input: payload, output: payload }))) },
  { name: "long strings with NUL, HTML characters and quotes, nested", state: state([{ id: "x", m: { a: long("\u0000<&>\"\\"), l: [long("é"), "s", long("\u2028")] } }]) },
  { name: "a long string as the first and as the last attribute", state: state([{ a: long("a"), z: long("z") }]) },
];

for (const c of cases) {
  test(`stateChunks: ${c.name}`, () => {
    const pieces = [...stateChunks(c.state)];
    assert.equal(pieces.join(""), serializeState(c.state, new StringMemo()));
    assert.ok(pieces.every((p) => p !== ""));
    // No piece holds more than one payload: the instance text around them is never copied whole.
    const longest = Math.max(...pieces.map((p) => p.length));
    if (c.state.resources[0].instances.some((i) => i.attributes.input === payload)) assert.ok(longest < JSON.stringify(payload).length + 4096, `longest piece ${longest}`);
  });
}

test("property: pieces join to the one-piece layout", () => {
  const leaf = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "binary", minLength: 1, maxLength: 5 }).map((s) => long(s)), fc.integer(), fc.constant(null));
  fc.assert(
    fc.property(fc.array(fc.dictionary(fc.string(), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxKeys: 4 }), { minLength: 1, maxLength: 3 }), (attrs) => {
      const s = state(attrs);
      assert.equal([...stateChunks(s)].join(""), serializeState(s, new StringMemo()));
    }),
    { numRuns: 100 },
  );
});
