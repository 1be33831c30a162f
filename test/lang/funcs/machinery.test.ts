// The generic call machinery: arity, conversion errors, nulls, unknown short-circuits with the right result
// type, sensitive marks carried to results, impure functions, diagnostic wording; plus properties.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import bcryptjs from "bcryptjs";
import { callFailureText, callFunction } from "../../../lang/funcs/call.js";
import { terraformFunctions } from "../../../lang/funcs/table.js";
import { BoolType, DynamicPseudoType, NumberType, StringType, listOf, mapOf } from "../../../lang/values/types.js";
import { SENSITIVE, Value, unknownVal } from "../../../lang/values/value.js";
import { call, show, table, typeOf, v, type JS } from "./helpers.js";

function ok(name: string, args: readonly JS[]): Value {
  const r = call(name, args);
  assert.ok(r.ok, `${name} failed: ${r.ok ? "" : r.message}`);
  return r.value;
}

test("wrong arity is reported with HCL's wording", () => {
  const r = call("substr", ["a", 1]);
  assert.ok(!r.ok);
  assert.deepEqual(callFailureText("substr", table.get("substr")!, r), {
    summary: "Not enough function arguments",
    detail: 'Function "substr" expects 3 argument(s). Missing value for "length".',
  });
  const j = call("join", []);
  assert.ok(!j.ok);
  assert.equal(j.message, 'Function "join" expects at least 1 argument(s). Missing value for "separator".');
  const t = call("upper", ["a", "b"]);
  assert.ok(!t.ok);
  assert.deepEqual(callFailureText("upper", table.get("upper")!, t), {
    summary: "Too many function arguments",
    detail: 'Function "upper" expects only 1 argument(s).',
  });
});

test("a bad argument names the parameter; a general failure names the function", () => {
  const r = call("abs", ["x"]);
  assert.ok(!r.ok);
  assert.deepEqual(callFailureText("abs", table.get("abs")!, r), {
    summary: "Invalid function argument",
    detail: 'Invalid value for "num" parameter: a number is required.',
  });
  const j = call("join", [",", ["a"], ["b", null]]);
  assert.ok(!j.ok);
  assert.equal(callFailureText("join", table.get("join")!, j).detail, 'Invalid value for "lists" parameter: element 1 of list 2 is null; cannot concatenate null values.');
  const f = call("index", [["a"], "z"]);
  assert.ok(!f.ok);
  assert.deepEqual(callFailureText("index", table.get("index")!, f), {
    summary: "Error in function call",
    detail: 'Call to function "index" failed: item not found.',
  });
});

const unknownCases: readonly [string, readonly JS[], string][] = [
  ["upper", [unknownVal(StringType)], typeOf(StringType)],
  ["abs", [unknownVal(NumberType)], typeOf(NumberType)],
  ["split", [",", unknownVal(StringType)], typeOf(listOf(StringType))],
  ["startswith", [unknownVal(StringType), "x"], typeOf(BoolType)],
  ["jsonencode", [unknownVal(StringType)], typeOf(StringType)],
  ["regex", [unknownVal(StringType), "x"], typeOf(DynamicPseudoType)],
  ["regexall", ["(a)(b)", unknownVal(StringType)], typeOf(listOf({ kind: "tuple", elems: [StringType, StringType] }))],
  ["cidrsubnets", ["10.0.0.0/8", unknownVal(NumberType)], typeOf(listOf(StringType))],
  ["tomap", [unknownVal(mapOf(StringType))], typeOf(mapOf(DynamicPseudoType))],
  ["length", [unknownVal(listOf(StringType))], typeOf(NumberType)],
  ["file", [unknownVal(StringType)], typeOf(StringType)],
  ["format", ["%s", unknownVal(StringType)], typeOf(StringType)],
  ["coalesce", [unknownVal(StringType), "a"], typeOf(StringType)],
  ["templatefile", ["hello.tmpl", unknownVal(mapOf(StringType))], typeOf(DynamicPseudoType)],
];

for (const [name, args, wantType] of unknownCases) {
  test(`unknown argument gives an unknown ${name} result of the right type`, () => {
    const r = ok(name, args);
    assert.equal(r.isKnown(), false);
    assert.equal(typeOf(r.type), wantType);
  });
}

test("an element that is unknown keeps the rest known where Terraform does", () => {
  const r = ok("formatlist", ["%s!", [unknownVal(StringType), "b"]]);
  assert.equal(show(r), '[(unknown),"b!"]');
  assert.equal(show(ok("anytrue", [[unknownVal(BoolType), true]])), "true");
  assert.equal(show(ok("alltrue", [[unknownVal(BoolType), false]])), "(unknown)");
});

const sensitiveCases: readonly [string, readonly JS[]][] = [
  ["upper", [v("secret").mark(SENSITIVE)]],
  ["join", [",", v(["a", v("b").mark(SENSITIVE)])]],
  ["length", [v(["a"]).mark(SENSITIVE)]],
  ["merge", [v({ a: 1 }).mark(SENSITIVE), { b: 2 }]],
  ["lookup", [v({ a: 1 }), v("a").mark(SENSITIVE)]],
  ["base64decode", [v("eA==").mark(SENSITIVE)]],
  ["file", [v("hello.txt").mark(SENSITIVE)]],
  ["upper", [unknownVal(StringType).mark(SENSITIVE)]],
  ["sensitive", ["x"]],
  ["tostring", [v(1).mark(SENSITIVE)]],
];

for (const [name, args] of sensitiveCases) {
  test(`a sensitive argument makes ${name}'s result sensitive`, () => {
    assert.ok(ok(name, args).isSensitive());
  });
}

test("nonsensitive and issensitive", () => {
  assert.equal(ok("nonsensitive", [v("x").mark(SENSITIVE)]).isSensitive(), false);
  assert.equal(show(ok("issensitive", [v("x").mark(SENSITIVE)])), "true");
  assert.equal(show(ok("issensitive", [unknownVal(StringType)])), "(unknown)");
  const r = call("tonumber", [v("abc").mark(SENSITIVE)]);
  assert.ok(!r.ok);
  assert.equal(r.message, "cannot convert this sensitive string to number");
  const f = call("file", [v("missing").mark(SENSITIVE)]);
  assert.ok(!f.ok && f.message.startsWith("no file exists at (sensitive value);"));
});

test("null arguments are rejected unless the parameter allows them", () => {
  for (const name of ["upper", "abs", "md5", "split", "cidrhost"]) {
    const spec = table.get(name)!;
    const args = [...spec.params.map(() => v(null))];
    const r = callFunction(name, spec, args);
    assert.ok(!r.ok, name);
    assert.equal(r.message, "argument must not be null");
    assert.equal(r.argIndex, 0);
  }
  assert.equal(show(ok("coalesce", [null, "b"])), '"b"');
});

test("impure functions: unknown when pure-only, fresh values otherwise", () => {
  for (const name of ["uuid", "timestamp", "bcrypt"]) {
    const spec = table.get(name)!;
    assert.equal(spec.impure, true, name);
    const r = callFunction(name, spec, name === "bcrypt" ? [v("x")] : [], { pureOnly: true });
    assert.ok(r.ok && !r.value.isKnown(), name);
  }
  const u1 = show(ok("uuid", []));
  assert.match(u1, /^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
  assert.notEqual(u1, show(ok("uuid", [])));
  assert.match(show(ok("timestamp", [])), /^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"$/);
  const hash = ok("bcrypt", ["hello world", 4]).asString();
  assert.match(hash, /^\$2a\$04\$/);
  assert.ok(bcryptjs.compareSync("hello world", hash));
  assert.match(ok("bcrypt", ["x"]).asString(), /^\$2a\$10\$/, "default cost 10");
});

test("plantimestamp is unknown without a plan time (validation)", () => {
  const spec = terraformFunctions({ baseDir: "." }).get("plantimestamp")!;
  const r = callFunction("plantimestamp", spec, []);
  assert.ok(r.ok && !r.value.isKnown() && r.value.type.kind === "string");
});

test("numbers keep their precision", () => {
  assert.equal(show(ok("max", ["12345678901234567890.1", 1])), "12345678901234567890.1");
  assert.equal(show(ok("sum", [["0.1", "0.2"]])), "0.3");
  assert.equal(show(ok("parseint", ["ffffffffffffffffffff", 16])), "1208925819614629174706175");
});

test("property: base64encode then base64decode is the identity", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (s) => {
      const enc = ok("base64encode", [s]);
      assert.equal(ok("base64decode", [enc]).asString(), s.normalize("NFC"));
    }),
    { numRuns: 200 },
  );
});

test("property: join(sep, split(sep, s)) is s", () => {
  fc.assert(
    fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 3 }), (s, sep) => {
      const parts = ok("split", [sep, s]);
      assert.equal(ok("join", [sep, parts]).asString(), s.normalize("NFC"));
    }),
    { numRuns: 200 },
  );
});

test("property: strrev twice is the identity and keeps the length", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (s) => {
      const once = ok("strrev", [s]);
      assert.equal(ok("strrev", [once]).asString(), s.normalize("NFC"));
      assert.equal(show(ok("length", [once])), show(ok("length", [s])));
    }),
    { numRuns: 200 },
  );
});

test("property: cidrsubnet results lie inside the parent and cidrhost inside the subnet", () => {
  fc.assert(
    fc.property(fc.integer({ min: 8, max: 24 }), fc.integer({ min: 1, max: 6 }), fc.nat(), (prefix, newbits, n) => {
      const netnum = n % 2 ** newbits;
      const sub = ok("cidrsubnet", [`10.0.0.0/${prefix}`, newbits, netnum]).asString();
      assert.equal(sub.split("/")[1], String(prefix + newbits));
      const host = ok("cidrhost", [sub, 0]).asString();
      assert.equal(host, sub.split("/")[0]);
    }),
    { numRuns: 200 },
  );
});

test("file() of the same large file shares one result, and still sees a change to the file", async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { stringVal } = await import("../../../lang/values/value.js");
  const dir = mkdtempSync(join(tmpdir(), "cairn-file-"));
  writeFileSync(join(dir, "big.txt"), "a".repeat(10_000));
  const spec = terraformFunctions({ baseDir: dir }).get("file")!;
  const read = () => {
    const r = callFunction("file", spec, [stringVal("big.txt")]);
    assert.ok(r.ok);
    return r.value;
  };
  const first = read();
  assert.equal(read().raw, first.raw);
  writeFileSync(join(dir, "big.txt"), "b".repeat(10_000));
  assert.equal(read().asString(), "b".repeat(10_000));
});
