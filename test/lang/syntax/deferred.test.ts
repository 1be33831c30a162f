// Deferred expressions (parseConfig's deferExpressions, used by `init`): the same diagnostics and, once
// read, the same expressions as an eager parse, for any input; and the simple forms are really deferred.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Attribute, Body, File } from "../../../lang/syntax/ast.js";
import type { Diagnostic } from "../../../lang/diagnostics.js";
import { parseConfig } from "../../../lang/syntax/parser.js";
import { ProjectionError, projectHcl2Json } from "../../../lang/syntax/project-hcl2json.js";
import { generateBenchmarkConfig } from "../../../bench/gen/config.js";
import { rng, shape } from "./shape.js";

const fixtures = fileURLToPath(new URL("../../../../test/lang/syntax/fixtures/oracle/", import.meta.url));
const seeds = ["blocks.hcl", "expressions.hcl", "templates.hcl", "heredocs.hcl"].map((f) => readFileSync(fixtures + f, "utf8"));

function diagLines(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.severity} ${d.summary} | ${d.detail ?? ""} | ${rng(d.subject)} | ${rng(d.context)}`);
}

/** Every item of a body with its ranges, and every attribute's expression (read, so deferred ones parse). */
function dump(body: Body, indent = ""): string[] {
  const out = [`${indent}body ${rng(body.srcRange)} ${rng(body.endRange)}`];
  for (const item of body.items) {
    if (item.kind === "Attribute") {
      out.push(`${indent}${item.name} ${rng(item.nameRange)} ${rng(item.equalsRange)} ${rng(item.range)} = ${shape(item.expr)} @ ${rng(item.expr.range)}`);
    } else {
      out.push(`${indent}${item.type} ${JSON.stringify(item.labels)} ${rng(item.range)} ${item.labelRanges.map(rng).join(" ")}`);
      out.push(...dump(item.body, indent + "  "));
    }
  }
  return out;
}

function isDeferred(attr: Attribute): boolean {
  // An eager attribute holds its expression; a deferred one reads it through a getter.
  return Object.getOwnPropertyDescriptor(attr, "expr") === undefined;
}

function attributes(body: Body): Attribute[] {
  return body.items.flatMap((i) => (i.kind === "Attribute" ? [i] : attributes(i.body)));
}

/** hcl2json's shape of a file, or why it has none (a valid file can hold what that shape cannot). */
function projection(file: File): unknown {
  try {
    return projectHcl2Json(file);
  } catch (e) {
    if (e instanceof ProjectionError) return `not projectable: ${e.message}`;
    throw e;
  }
}

function assertSameAsEager(src: string | Uint8Array, name = "d.tf"): { deferred: number; total: number } {
  const eager = parseConfig(src, name);
  const lazy = parseConfig(src, name, undefined, { deferExpressions: true });
  // Diagnostics first: they must not depend on whether anything was read.
  assert.deepEqual(diagLines(lazy.diags), diagLines(eager.diags), `diagnostics of ${JSON.stringify(src)}`);
  const attrs = attributes(lazy.file.body);
  const deferred = attrs.filter(isDeferred).length;
  assert.deepEqual(dump(lazy.file.body), dump(eager.file.body), `tree of ${JSON.stringify(src)}`);
  if (eager.diags.length === 0) assert.deepStrictEqual(projection(lazy.file), projection(eager.file));
  return { deferred, total: attrs.length };
}

const cases: { name: string; src: string; deferred: number }[] = [
  { name: "a plain string", src: 'a = "x"\n', deferred: 1 },
  { name: "an empty string", src: 'a = ""\n', deferred: 1 },
  { name: "an integer", src: "a = 42\n", deferred: 1 },
  { name: "a traversal", src: "a = var.b.c\n", deferred: 1 },
  { name: "keywords", src: "a = true\nb = null\n", deferred: 2 },
  { name: "the last line without a newline", src: 'a = "x"', deferred: 1 },
  { name: "a line comment after it", src: 'a = "x" # note\nb = 1 // note\n', deferred: 2 },
  { name: "in nested blocks", src: 'r "t" "n" {\n  a = "x"\n  b {\n    c = d.e\n  }\n}\n', deferred: 2 },
  { name: "an escape", src: 'a = "x\\n"\n', deferred: 0 },
  { name: "an invalid escape", src: 'a = "x\\q"\n', deferred: 0 },
  { name: "an interpolation", src: 'a = "x${b}"\n', deferred: 0 },
  { name: "an escaped interpolation", src: 'a = "x$${b}"\n', deferred: 0 },
  { name: "a fraction", src: "a = 1.5\n", deferred: 0 },
  { name: "an index", src: "a = b[0]\nc = b.0\n", deferred: 0 },
  { name: "a call", src: "a = f(1)\n", deferred: 0 },
  { name: "a namespaced call", src: "a = provider::p::f(1)\n", deferred: 0 },
  { name: "an operator", src: 'a = "x" + 1\n', deferred: 0 },
  { name: "a dangling operator", src: 'a = "x" +\n}\n', deferred: 0 },
  { name: "a comma after it", src: 'a = "x", b = 2\n', deferred: 0 },
  { name: "something else on the line", src: 'a = "x" "y"\n', deferred: 0 },
  { name: "a block comment after it", src: 'a = "x" /* c */\n', deferred: 0 },
  { name: "a block comment before it", src: 'a = /* c */ "x"\n', deferred: 1 },
  { name: "a newline inside the string", src: 'a = "x\ny"\n', deferred: 0 },
  { name: "a redefinition", src: 'a = "x"\na = "y"\n', deferred: 1 },
  { name: "a single-line block", src: 'b { a = "x" }\n', deferred: 0 },
  { name: "after an error", src: 'a = (\nb = "x"\n', deferred: 0 },
  { name: "a heredoc", src: "a = <<EOT\nx\nEOT\n", deferred: 0 },
];

for (const c of cases) {
  test(`deferred parse, ${c.name}: same diagnostics and tree as eager`, () => {
    assert.equal(assertSameAsEager(c.src).deferred, c.deferred);
  });
}

test("deferred parse of the benchmark configurations: the simple attributes deferred, the same tree", () => {
  const generated = generateBenchmarkConfig(30);
  const r = assertSameAsEager(generated);
  assert.ok(r.total > 200);
  // Two attributes per node interpolate (`"node-${var.env}-N"`) or hold an object or list; the rest are simple.
  assert.ok(r.deferred > 0 && r.deferred < r.total);
  let data = "";
  for (let i = 0; i < 50; i++) data += `resource "terraform_data" "r${i}" {\n  input = "value-${i}"\n}\n`;
  assert.deepEqual(assertSameAsEager(data), { deferred: 50, total: 50 });
});

test("deferred parse equals eager parse on fixtures", () => {
  for (const s of seeds) assertSameAsEager(s);
});

const alphabet = [..."abc xyz019_-.,:;?!=<>+-*/%&|~^(){}[]\"'`$#\\\n\t\r"].concat(["${", "%{", "~}", "<<EOT\n", "\nEOT\n", "/*", "*/", "//", "= \"", "\"\n", " = a.b\n", "é"]);
const hclish = fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((a) => a.join(""));

test("deferred parse equals eager parse on generated HCL-like input", () => {
  fc.assert(fc.property(hclish, (s) => void assertSameAsEager(s)), { numRuns: 1500 });
});

test("deferred parse equals eager parse on valid configs with bytes inserted, deleted or replaced", () => {
  const mutation = fc.record({
    seed: fc.integer({ min: 0, max: seeds.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom("insert", "delete", "replace"), byte: fc.integer({ min: 0, max: 127 }) }), { minLength: 1, maxLength: 6 }),
  });
  fc.assert(
    fc.property(mutation, ({ seed, edits }) => {
      const bytes = Array.from(new TextEncoder().encode(seeds[seed]!));
      for (const e of edits) {
        const at = e.at % (bytes.length + 1);
        if (e.kind === "insert") bytes.splice(at, 0, e.byte);
        else if (e.kind === "delete") bytes.splice(at, 1);
        else bytes[Math.min(at, bytes.length - 1)] = e.byte;
      }
      assertSameAsEager(new Uint8Array(bytes));
    }),
    {
      numRuns: 300,
      // A mutation that leaves a valid file hcl2json's shape cannot hold ("Unable to convert Block"): compared as such.
      examples: [[{ seed: 0, edits: [{ at: 494554198, kind: "insert" as const, byte: 65 }, { at: 552984929, kind: "insert" as const, byte: 0 }] }]],
    },
  );
});
