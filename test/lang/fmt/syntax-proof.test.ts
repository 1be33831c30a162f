// syntax-proof.ts vouches that a file parses, without building its syntax tree, and fmt then skips the
// parser. A wrong "it parses" would let fmt rewrite a broken file, so wherever the proof accepts a file the
// parser must report nothing, and the rewrites found from the proof's token ranges must be the ones found
// from the syntax tree. Checked on every file of the fmt corpus, the fmt fixtures and validate cases,
// crafted edge cases, and mutations of real files.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { proveParses } from "../../../lang/fmt/syntax-proof.js";
import { editsFromCandidates, editsFromSyntax, hasQuotedInterpolation } from "../../../lang/fmt/terraform-rewrites.js";
import { scanTable } from "../../../lang/syntax/lexer.js";
import { parseConfigTable } from "../../../lang/syntax/parser.js";
import { corpusFiles, readCorpus } from "../../conformance/fmt/corpus.js";
import { folder as validateFolder } from "../../conformance/validate/category.js";
import { fmtFixtures } from "./fixtures-path.js";

/** Checks the proof against the parser on `src`; returns whether the proof accepted it. */
function agrees(src: string, name: string): boolean {
  const table = scanTable(src, name);
  const unwrapping = hasQuotedInterpolation(table);
  const candidates = proveParses(table, unwrapping);
  if (candidates === undefined) return false;
  const parsed = parseConfigTable(table, src);
  assert.deepEqual(
    parsed.diags.map((d) => d.summary),
    [],
    `the proof accepted ${name}, which the parser rejects:\n${src}`,
  );
  assert.deepEqual(editsFromCandidates(table, candidates), editsFromSyntax(table, parsed.file, unwrapping), `rewrites of ${name}`);
  return true;
}

function corpusSources(): { name: string; source: string }[] {
  const out: { name: string; source: string }[] = [];
  for (const f of corpusFiles()) {
    const c = readCorpus(f);
    for (const file of c.files) out.push({ name: `${c.repo}:${file.path}`, source: file.source });
  }
  return out;
}

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const dirs = [dir];
  while (dirs.length > 0) {
    const d = dirs.pop()!;
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) dirs.push(p);
      else if (n.endsWith(ext)) out.push(p);
    }
  }
  return out;
}

test("on every fmt corpus file the proof agrees with the parser, and vouches for nearly all that parse", () => {
  let parses = 0;
  let proven = 0;
  for (const { name, source } of corpusSources()) {
    const ok = parseConfigTable(scanTable(source, name), source).diags.length === 0;
    if (ok) parses++;
    if (agrees(source, name)) proven++;
  }
  // The proof is what makes fmt fast: a change that makes it give up on ordinary files is a regression.
  assert.ok(proven >= 0.99 * parses, `the proof vouched for only ${proven} of the ${parses} corpus files that parse`);
});

test("on the fmt fixtures and the validate cases the proof agrees with the parser", () => {
  for (const p of [...filesUnder(fmtFixtures, ".tf"), ...filesUnder(join(validateFolder, "cases"), ".tf")]) {
    agrees(readFileSync(p, "utf8"), p);
  }
});

const deep = (n: number): string => `a = ${"[".repeat(n)}${"]".repeat(n)}\n`;
const manyAttributes = Array.from({ length: 20 }, (_, i) => `a${i} = ${i}\n`).join("");

// [case, source, whether the proof vouches for it]: every "false" is either a parse error or a form the
// proof leaves to the parser; agrees() checks the "true" ones against the parser.
const cases: [string, string, boolean][] = [
  ["attributes and blocks", 'a = 1\nb "x" "y" {\n  c = true\n  d {\n  }\n}\n', true],
  ["no newline at the end", "a = 1", true],
  ["a line comment ends an attribute", "a = 1 # one\nb = 2 // two\n", true],
  ["a block comment inside a value", "a = /* one */ 1\n", true],
  ["an unterminated block comment", "a = 1 /* one\n", false],
  ["redefined attribute", "a = 1\na = 2\n", false],
  ["redefined attribute among many", `${manyAttributes}a7 = 0\n`, false],
  ["many distinct attributes", manyAttributes, true],
  ["the same name in another body", "a = 1\nb {\n  a = 2\n}\n", true],
  ["missing newline after an attribute", "a = 1 b = 2\n", false],
  ["comma after an attribute", "a = 1,\n", false],
  ["quoted argument name", '"a" = 1\n', false],
  ["missing value", "a =\n", false],
  ["block without a brace", 'a "b"\n', false],
  ["unclosed block", "a {\n", false],
  ["stray closing brace", "}\n", false],
  ["block closed with more on the line", "a {\n} b = 1\n", false],
  ["one-line block", "a { b = 1 }\n", true],
  ["empty one-line block", "a {}\n", true],
  ["one-line block with two arguments", "a { b = 1, c = 2 }\n", false],
  ["one-line block holding a block", "a { b {} }\n", false],
  ["unquoted labels (left to the parser)", "resource a b {\n}\n", false],
  ["escaped label (left to the parser)", 'a "b\\"c" {\n}\n', false],
  ["comment among labels (left to the parser)", 'a "b" /* c */ "d" {\n}\n', false],
  ["simple escapes", 'a = "x\\n\\t\\r\\"\\\\"\n', true],
  ["invalid escape", 'a = "\\q"\n', false],
  ["unicode escape (left to the parser)", 'a = "\\u00e9"\n', false],
  ["literal interpolation markers", 'a = "$${b} %%{c}"\n', true],
  ["interpolation", 'a = "x-${b.c}-${d("e")}"\n', true],
  ["interpolation only (rewritten)", 'a = "${b}"\n', true],
  ["interpolation only over lines (rewritten)", 'a = "${b +\n c}"\n', true],
  ["unclosed interpolation", 'a = "${b"\n', false],
  ["template directive (left to the parser)", 'a = "%{if b}c%{endif}"\n', false],
  ["newline in a quoted string", 'a = "b\nc"\n', false],
  ["heredoc", "a = <<EOT\nb ${c}\nEOT\n", true],
  ["indented heredoc", "a = <<-EOT\n  b\n  EOT\n", true],
  ["variable types (rewritten)", 'variable "v" {\n  type = "string"\n}\nvariable "w" {\n  type = list\n}\n', true],
  ["type outside a variable", 'b "v" {\n  type = "string"\n}\n', true],
  ["numbers", "a = [0, 1.5, 2e10, 3E-2, 4e+4]\n", true],
  ["number with two dots", "a = 1.2.3\n", false],
  ["number with a huge exponent (left to the parser)", "a = 1e99999\n", false],
  ["operators", "a = -b.c + !d * (e - 1) % 2 == 3 && f || g >= h\n", true],
  ["conditional", "a = b ? c : d ? e : f\n", true],
  ["conditional without false result", "a = b ? c\n", false],
  ["bitwise operator", "a = b & c\n", false],
  ["power operator", "a = b ** c\n", false],
  ["traversals", 'a = b.c[0]["d"][e].f\n', true],
  ["legacy index", "a = b.0.c\n", true],
  ["chained legacy index", "a = b.0.1\n", false],
  ["legacy splat", "a = b.*.c.0\n", true],
  ["nested legacy splat", "a = b.*.*\n", false],
  ["full splat", "a = b[*].c[0]\n", true],
  ["splat without bracket", "a = b[*.c\n", false],
  ["dot without name", "a = b.\n", false],
  ["calls", "a = f()\nb = g(1, 2,)\nc = h(x...)\nd = i(\n  1,\n  2\n)\n", true],
  ["expanded argument not last", "a = f(x..., y)\n", false],
  ["missing argument separator", "a = f(1 2)\n", false],
  ["namespaced call", "a = provider::p::f(1)\nb = core::max(1, 2)\n", true],
  ["namespace without a call", "a = provider::p::f\n", false],
  ["tuples", "a = []\nb = [1, 2,]\nc = [\n  1,\n  2\n]\n", true],
  ["missing item separator", "a = [1 2]\n", false],
  ["objects", 'a = {}\nb = { c = 1, d = 2 }\ne = {\n  f = 1\n  "g" = 2\n  (h) = 3\n  i : 4\n}\n', true],
  ["object item without a value", "a = { b }\n", false],
  ["object items on one line without a comma", "a = { b = 1 c = 2 }\n", false],
  ["for expressions", 'a = [for x in y : x if x != ""]\nb = {for k, v in y : v => k...}\nc = {for k, v in y : k => v}\n', true],
  ["for object without a key", "a = {for x in y : x}\n", false],
  ["for tuple with a key", "a = [for x in y : x => x]\n", false],
  ["for tuple grouped", "a = [for x in y : x...]\n", false],
  ["for without in", "a = [for x y : x]\n", false],
  ["a variable named for", "a = [for]\n", false],
  ["newlines inside brackets", "a = b[\n  0\n]\nc = (\n  1\n)\n", true],
  ["nested just within the limit", deep(100), true],
  ["nested too deep", deep(600), false],
  ["semicolon", "a = 1;\n", false],
  ["single quotes", "a = 'b'\n", false],
];

for (const [name, src, proven] of cases) {
  test(`syntax proof: ${name}`, () => {
    assert.equal(agrees(src, name), proven);
  });
}

// Pieces that break or bend syntax, inserted among a real file's tokens.
const fragments = [
  "{", "}", "[", "]", "(", ")", '"', "=", ",", "\n", " for ", " in ", " if ", ":", "?", "...", "=>", ".", "*",
  "${", "%{", "}", "\\q", "\\n", "1.2.3", "# c\n", "/*", "*/", "::", "<<EOT\n", "EOT\n", "-", "!", "a", "0", "~",
  "&", ";", "'",
];

test("on mutations of real files the proof never vouches for what the parser rejects", () => {
  const pool = corpusSources()
    .filter((f) => f.source.length < 2000)
    .slice(0, 300);
  const mutation = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom("delete", "duplicate", "insert", "replace"),
    fragment: fc.constantFrom(...fragments),
  });
  fc.assert(
    fc.property(fc.nat({ max: pool.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
      let src = pool[which]!.source;
      for (const m of mutations) {
        const table = scanTable(src, "m.tf");
        const i = m.at % table.n;
        const from = table.from[i]!;
        const to = table.to[i]!;
        const text = table.text;
        const piece = text.slice(from, to);
        const replacement = m.kind === "delete" ? "" : m.kind === "duplicate" ? piece + piece : m.kind === "insert" ? m.fragment + piece : m.fragment;
        src = text.slice(0, from) + replacement + text.slice(to);
      }
      agrees(src, pool[which]!.name);
    }),
    { numRuns: 1500 },
  );
});
