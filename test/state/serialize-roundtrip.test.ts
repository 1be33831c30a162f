// roundTripState must give exactly what parseState(serializeState(s)) gives (the history records that form),
// while keeping long strings out of the text: checked on hand-made cases, a Terraform-laid-out fixture and
// generated states whose strings are long enough to be held out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parseState } from "../../state/parse.js";
import { serializeState } from "../../state/serialize.js";
import { roundTripState } from "../../state/serialize-roundtrip.js";
import { LosslessNumber, StringMemo, type JsonValue } from "../../lang/values/json-exact.js";
import { emptyState, type InstanceState, type StateFile } from "../../state/model.js";

const long = (seed: string): string => seed.repeat(Math.ceil(StringMemo.MIN / Math.max(1, seed.length)) + 1);

function stateWith(instances: InstanceState[], outputs: StateFile["outputs"] = {}): StateFile {
  const s = emptyState("1.9.0", "lineage-1");
  s.serial = 7;
  s.outputs = outputs;
  s.resources = [{ mode: "managed", type: "terraform_data", name: "blob", provider: 'provider["terraform.io/builtin/terraform"]', instances }];
  return s;
}

const inst = (index: number, attributes: { [k: string]: JsonValue }, extra: Partial<InstanceState> = {}): InstanceState => ({
  index_key: index,
  schema_version: 0,
  attributes,
  sensitive_attributes: [],
  ...extra,
});

const cases: { name: string; state: StateFile }[] = [
  { name: "no long strings", state: stateWith([inst(0, { id: "a", input: "short" })]) },
  {
    name: "long multi-line strings twice per instance (terraform_data input and output)",
    state: stateWith([0, 1, 2].map((k) => inst(k, { id: `i${k}`, input: long("MIIDdzCCAl+gAwIBAgIEAgAAuTAN\n"), output: long("MIIDdzCCAl+gAwIBAgIEAgAAuTAN\n") }))),
  },
  {
    name: "long strings nested in lists and maps, with HTML characters, quotes, unicode and a lone surrogate",
    state: stateWith([
      inst(0, {
        id: "x",
        tags: { a: long("<b>&amp;</b> \"q\" \\ "), b: "short" },
        list: [long("ä€😀\u2028"), [long("\ud800x")], null, 1.5, true],
      }),
    ]),
  },
  {
    name: "what serialization leaves out: empty dependencies and private, false create_before_destroy",
    state: stateWith([inst(0, { id: "x", input: long("y") }, { dependencies: [], private: "", create_before_destroy: false })]),
  },
  {
    name: "a long private, exact numbers, a __proto__ key",
    state: stateWith([inst(0, JSON.parse(`{"id":"x","__proto__":"${long("p")}","n":1}`) as { [k: string]: JsonValue }, { private: long("eyJz") })]),
  },
  {
    name: "long strings in outputs",
    state: stateWith([inst(0, { id: "x" })], {
      blob: { value: long("o\n"), type: "string" },
      obj: { value: { big: new LosslessNumber("12345678901234567890"), s: long("v") }, type: ["object", { big: "number", s: "string" }], sensitive: true },
    }),
  },
];

for (const c of cases) {
  test(`roundTripState: ${c.name}`, () => {
    const want = parseState(serializeState(c.state), "cairn.tfstate");
    const got = roundTripState(c.state, "cairn.tfstate");
    assert.deepEqual(got, want);
    // The result reads back as itself: nothing of the markers is left behind.
    assert.equal(serializeState(got.state!), serializeState(want.state!));
  });
}

test("roundTripState: a Terraform-laid-out state file comes back as parsing it gives", () => {
  const text = readFileSync(new URL("../../../test/state/fixtures/valid-terraform-layout/cairn.tfstate", import.meta.url), "utf8");
  const parsed = parseState(text, "cairn.tfstate").state!;
  assert.deepEqual(roundTripState(parsed, "cairn.tfstate"), parseState(text, "cairn.tfstate"));
});

test("roundTripState: the input state is not modified", () => {
  const s = cases[1].state;
  const before = serializeState(s);
  roundTripState(s, "cairn.tfstate");
  assert.equal(serializeState(s), before);
});

const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 8 }).map(long),
);
const jsonArb: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(fc.string(), tie("v"), { maxKeys: 3 })),
})).v;

test("property: roundTripState equals parsing the serialized state", () => {
  fc.assert(
    fc.property(fc.array(fc.dictionary(fc.string(), jsonArb, { maxKeys: 4 }), { minLength: 1, maxLength: 3 }), (attrs) => {
      const s = stateWith(attrs.map((a, k) => inst(k, a)));
      assert.deepEqual(roundTripState(s, "x"), parseState(serializeState(s), "x"));
    }),
    { numRuns: 150 },
  );
});
