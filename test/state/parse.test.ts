// State file fixtures (test/state/fixtures/<case>/cairn.tfstate) with their expected outcome in
// expected.txt: "ok" plus facts about the parsed state, or the rendered "Failed to load state" diagnostic.
// The valid fixture is written exactly as Terraform lays a version 4 file out, so it must round-trip byte for
// byte through parse and serialize.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { parseState } from "../../state/parse.js";
import { serializeState } from "../../state/serialize.js";
import { canonicalJson, indentLikeGo, LosslessNumber, parseJsonExact } from "../../lang/values/json-exact.js";
import { exactJsonArbitrary } from "../support/json-arbitrary.js";
import { emptyState, type StateFile } from "../../state/model.js";
import { clientTokenOf, withClientToken } from "../../state/private.js";

const root = new URL("../../../test/state/fixtures/", import.meta.url);

function summarize(text: string): string {
  const r = parseState(text, "cairn.tfstate");
  if (r.diags.length > 0) return r.diags.map((d) => `${d.severity}: ${d.summary}\n${d.detail}`).join("\n") + "\n";
  if (!r.state) return "ok: no state (empty file)\n";
  const s = r.state;
  const lines = [`ok: serial ${s.serial}, lineage ${s.lineage}, ${Object.keys(s.outputs).length} outputs`];
  for (const res of s.resources) {
    const keys = res.instances.map((i) => JSON.stringify(i.index_key ?? null) + (i.status ? ` ${i.status}` : ""));
    lines.push(`  ${res.module ? res.module + " " : ""}${res.mode} ${res.type}.${res.name}: ${keys.join(", ")}`);
  }
  return lines.join("\n") + "\n";
}

for (const name of readdirSync(root).sort()) {
  test(`state fixture ${name}`, () => {
    const dir = new URL(`${name}/`, root);
    const text = readFileSync(new URL("cairn.tfstate", dir), "utf8");
    const actual = summarize(text);
    const golden = new URL("expected.txt", dir);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) writeFileSync(golden, actual);
    assert.equal(actual, readFileSync(golden, "utf8"));
  });
}

test("a Terraform-laid-out state round-trips byte for byte (order, escapes, exact numbers)", () => {
  const text = readFileSync(new URL("valid-terraform-layout/cairn.tfstate", root), "utf8");
  const r = parseState(text, "cairn.tfstate");
  assert.deepEqual(r.diags, []);
  assert.ok(r.state!.outputs.big.value instanceof LosslessNumber);
  assert.equal(serializeState(r.state!), text);
});

test("serialize sorts resources (module, mode, type, name) and instances (none, numbers, strings)", () => {
  const s = emptyState("0.1.0", "l");
  const inst = (k?: number | string) => ({ ...(k === undefined ? {} : { index_key: k }), schema_version: 0, attributes: {}, sensitive_attributes: [] });
  const res = (module: string | undefined, mode: "managed" | "data", type: string, name: string, keys: (number | string | undefined)[]) => ({
    ...(module ? { module } : {}),
    mode,
    type,
    name,
    provider: "p",
    instances: keys.map(inst),
  });
  s.resources = [
    res("module.b", "managed", "t", "x", [undefined]),
    res(undefined, "managed", "t", "b", ["b", 10, "a", 2]),
    res(undefined, "data", "z", "a", [undefined]),
    res(undefined, "managed", "t", "a", [undefined]),
    res("module.a", "managed", "t", "x", [undefined]),
  ];
  const back = parseState(serializeState(s), "x").state!;
  assert.deepEqual(
    back.resources.map((r) => `${r.module ?? ""}|${r.mode}|${r.type}.${r.name}`),
    ["|data|z.a", "|managed|t.a", "|managed|t.b", "module.a|managed|t.x", "module.b|managed|t.x"],
  );
  assert.deepEqual(back.resources[2].instances.map((i) => i.index_key), [2, 10, "a", "b"]);
});

// Any JSON value (with exact big numbers) survives canonicalJson + Go indentation + exact parsing.
const jsonArb = exactJsonArbitrary();

test("property: exact JSON round-trip through canonical text and Go-style indentation", () => {
  fc.assert(
    fc.property(jsonArb, (v) => {
      const text = canonicalJson(v);
      const pretty = indentLikeGo(text);
      const back = parseJsonExact(pretty);
      assert.ok(back.ok);
      assert.equal(canonicalJson(back.value), text);
    }),
    { numRuns: 500 },
  );
});

test("property: parse(serialize(state)) is the state", () => {
  const stateArb = fc.record({
    serial: fc.nat(),
    attrs: fc.dictionary(fc.string(), jsonArb, { maxKeys: 5 }),
    key: fc.option(fc.oneof(fc.nat(), fc.string()), { nil: undefined }),
    tainted: fc.boolean(),
  });
  fc.assert(
    fc.property(stateArb, ({ serial, attrs, key, tainted }) => {
      const s: StateFile = { ...emptyState("0.1.0", "lin"), serial };
      s.resources.push({
        mode: "managed",
        type: "t",
        name: "n",
        provider: "p",
        instances: [{ ...(key === undefined ? {} : { index_key: key }), ...(tainted ? { status: "tainted" as const } : {}), schema_version: 0, attributes: attrs, sensitive_attributes: [] }],
      });
      const text = serializeState(s);
      const back = parseState(text, "x");
      assert.deepEqual(back.diags, []);
      assert.equal(serializeState(back.state!), text);
    }),
    { numRuns: 300 },
  );
});

test("client token lives in private and reads back", () => {
  const i = withClientToken({ schema_version: 0, attributes: {}, sensitive_attributes: [] }, "tok-1");
  assert.equal(clientTokenOf(i), "tok-1");
  assert.equal(clientTokenOf({ ...i, private: "bm90IGpzb24=" }), undefined);
});
