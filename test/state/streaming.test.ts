// Streaming state I/O: the file written in pieces is byte for byte serializeState's, the Buffer parser
// (used for files too large to be one string) reads exactly what parseState reads, and LocalStateStore
// notices unchanged states without re-serializing on load.
import { test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { filePieces, parseState, parseStateBuffer } from "../../state/parse.js";
import { serializeState, stateChunks } from "../../state/serialize.js";
import { canonicalJson, GoIndenter, goIndentedJson, indentLikeGo, LosslessNumber, parseJsonExact, parseJsonExactBytes, StringMemo, type JsonValue } from "../../lang/values/json-exact.js";
import { emptyState } from "../../state/model.js";
import { LocalStateStore } from "../../state/local-store.js";
import { tempDir } from "./tmpdir.js";

const root = new URL("../../../test/state/fixtures/", import.meta.url);

test("the Buffer parser reads every fixture as parseState does (results and errors)", () => {
  for (const name of readdirSync(root).sort()) {
    const raw = readFileSync(new URL(`${name}/cairn.tfstate`, root));
    const a = parseState(raw.toString("utf8"), "cairn.tfstate");
    const b = parseStateBuffer(raw, "cairn.tfstate", 0);
    assert.equal(b.diags.length > 0, a.diags.length > 0, name);
    if (a.diags.length === 0) {
      assert.deepEqual(b.state, a.state, name);
      if (a.state) assert.equal(serializeState(b.state!), serializeState(a.state), name);
    }
  }
});

test("the Buffer parser keeps exact numbers, escapes and shares equal large strings", () => {
  const big = "x\"y\\n\u00e9\u2028".repeat(2000);
  const text = JSON.stringify({ a: [big, big], n: 1 }).replace('"n":1', '"n":12345678901234567890,"f":1.0,"e":[],"o":{}');
  const r = parseJsonExactBytes(Buffer.from(text));
  assert.ok(r.ok);
  const v = r.value as { a: string[]; n: LosslessNumber; f: LosslessNumber };
  assert.equal(v.a[0], big);
  assert.equal(v.a[1], big);
  assert.ok(v.n instanceof LosslessNumber && v.n.text === "12345678901234567890");
  assert.ok(v.f instanceof LosslessNumber && v.f.text === "1.0");
  for (const bad of ["", "{", '{"a":}', "[1,]", '{"a" 1}', "[1] x", '"abc', "[01]", "tru", '{"a":1,}']) {
    const got = parseJsonExactBytes(Buffer.from(bad));
    assert.equal(got.ok, false, bad);
    assert.deepEqual(parseJsonExact(bad), got, bad);
  }
});

test("GoIndenter over arbitrary pieces equals indentLikeGo", () => {
  fc.assert(
    fc.property(fc.json(), fc.array(fc.nat(), { maxLength: 8 }), (json, cuts) => {
      const compact = JSON.stringify(JSON.parse(json));
      // Cut only outside strings.
      const safe: number[] = [];
      let inStr = false;
      for (let i = 0; i < compact.length; i++) {
        if (!inStr) safe.push(i);
        if (compact[i] === "\\") i++;
        else if (compact[i] === '"') inStr = !inStr;
      }
      const points = [...new Set(cuts.map((c) => safe[c % Math.max(safe.length, 1)] ?? 0))].sort((a, b) => a - b);
      const ind = new GoIndenter();
      let out = "";
      let prev = 0;
      for (const p of points) {
        out += ind.push(compact.slice(prev, p));
        prev = p;
      }
      out += ind.push(compact.slice(prev)) + ind.end();
      assert.equal(out, indentLikeGo(compact));
    }),
  );
});

test("stateChunks' first piece is the header up to the lineage", () => {
  const s = emptyState("1.2.3", "lin");
  s.serial = 7;
  const first = stateChunks(s).next().value as string;
  assert.equal(first, '{\n  "version": 4,\n  "terraform_version": "1.2.3",\n  "serial": 7,\n  "lineage": "lin",\n  ');
});

test("persist streams exactly serializeState's bytes, skips an unchanged state, and a fresh store still notices no change", async () => {
  const { dir: wd, cleanup } = await tempDir();
  try {
    const s = emptyState("0.1.0", "lin");
    s.resources.push({
      mode: "managed",
      type: "terraform_data",
      name: "r",
      each: "list",
      provider: 'provider["terraform.io/builtin/terraform"]',
      instances: [0, 1, 2].map((k) => ({ index_key: k, schema_version: 0, attributes: { id: `i${k}`, input: "<&>".repeat(500000), n: new LosslessNumber("1.50") }, sensitive_attributes: [] })),
    });
    const a = new LocalStateStore({ workingDir: wd });
    a.write(s);
    assert.deepEqual(await a.persist(), []);
    const text = readFileSync(a.path, "utf8");
    assert.equal(text, serializeState({ ...s, serial: 1 }));
    const b = new LocalStateStore({ workingDir: wd });
    const read = (await b.read()).state!;
    b.write(read);
    assert.deepEqual(await b.persist(), []);
    assert.equal(readFileSync(b.path, "utf8"), text, "unchanged: not rewritten, serial kept");
    read.resources[0].instances[1].attributes.id = "changed";
    b.write(read);
    assert.deepEqual(await b.persist(), []);
    assert.equal(parseState(readFileSync(b.path, "utf8"), "x").state!.serial, 2);
    assert.equal(readFileSync(b.path + ".backup", "utf8"), text);
  } finally {
    await cleanup();
  }
});

test("goIndentedJson equals indentLikeGo(canonicalJson(v)) at any depth, with and without the memo", () => {
  const big = "<a & b>\u2028\n".repeat(600);
  fc.assert(
    fc.property(fc.jsonValue(), fc.nat({ max: 6 }), (v, depth) => {
      const value = { v, big, again: big, "<k>": [big, {}, []] } as unknown as JsonValue;
      const expected = indentLikeGo(canonicalJson(value)).replace(/\n/g, "\n" + "  ".repeat(depth));
      assert.equal(goIndentedJson(value, depth), expected);
      assert.equal(goIndentedJson(value, depth, new StringMemo()), expected);
    }),
  );
});

/** `text`'s bytes cut at the given points, handed out one piece per call. */
function piecesOf(text: string, cuts: readonly number[]): { first: Buffer; next: () => Buffer | undefined } {
  const bytes = Buffer.from(text, "utf8");
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    pieces.push(bytes.subarray(from, p));
    from = p;
  }
  return { first: pieces.shift()!, next: () => pieces.shift() };
}

test("the reader gives the same result however its input is cut into pieces, for good and broken JSON", () => {
  const numbers = fc.constantFrom("0", "-0", "1.0", "1e5", "-12.5E-3", "12345678901234567890", "0.1", "01", "1.", "-", "1e", "1e+");
  const text = fc.oneof(
    fc.json().map((j) => j.replace(/1/g, "12345678901234567890.0")),
    fc.json().chain((j) => fc.nat(j.length).map((k) => j.slice(0, k))),
    fc.tuple(fc.json(), fc.nat(), fc.constantFrom("}", "]", ",", ":", '"', "\\", "\\u12", "\n", "x", "tru", " 1")).map(([j, k, s]) => j.slice(0, k % (j.length + 1)) + s + j.slice(k % (j.length + 1))),
    fc.array(numbers, { maxLength: 4 }).map((ns) => `[${ns.join(",")}]`),
  );
  fc.assert(
    fc.property(text, fc.array(fc.nat(), { maxLength: 12 }), (t, cuts) => {
      const whole = parseJsonExactBytes(Buffer.from(t, "utf8"));
      const { first, next } = piecesOf(t, cuts);
      assert.deepEqual(parseJsonExactBytes(first, next), whole);
      assert.deepEqual(parseJsonExact(t), whole);
    }),
    { numRuns: 2000 },
  );
});

test("parseStateFile's reader reads a file in pieces: tokens spanning pieces, exact numbers, truncation is an error", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const items: unknown[] = [];
    let size = 0;
    for (let k = 0; size < 10 * 1024 * 1024; k++) {
      const s = "ab\\\"c\u00e9\n".repeat((k * 7919) % 60000);
      items.push({ k, s, t: k % 3 === 0 ? s : `x${k}`, b: k % 2 === 0, z: null, f: -(k + 1) / 8 });
      size += s.length * 2 + 80;
    }
    const text = JSON.stringify({ items, n: 1 }).replace('"n":1', '"n":123456789012345678901234567890');
    const path = join(dir, "big.json");
    writeFileSync(path, text);
    const fd = openSync(path, "r");
    const r = parseJsonExactBytes(Buffer.alloc(0), filePieces(fd));
    closeSync(fd);
    assert.ok(r.ok);
    const v = r.value as { items: unknown[]; n: LosslessNumber };
    assert.deepEqual(v.items, items);
    assert.equal(v.n.text, "123456789012345678901234567890");
    writeFileSync(path, text.slice(0, text.length - 5000));
    const fd2 = openSync(path, "r");
    const bad = parseJsonExactBytes(Buffer.alloc(0), filePieces(fd2));
    closeSync(fd2);
    assert.equal(bad.ok, false);
  } finally {
    await cleanup();
  }
});

