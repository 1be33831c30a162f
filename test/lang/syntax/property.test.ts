// Properties (fast-check): the lexer and parser never throw, whatever the input, and token ranges tile the
// source: every token's text is exactly the source between its byte offsets.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { scanTokens } from "../../../lang/syntax/lexer.js";
import { parseConfig, parseExpression, parseTemplate, parseTraversalAbs } from "../../../lang/syntax/parser.js";

const fixtures = fileURLToPath(new URL("../../../../test/lang/syntax/fixtures/oracle/", import.meta.url));
const seeds = ["blocks.hcl", "expressions.hcl", "templates.hcl", "heredocs.hcl"].map((f) => readFileSync(fixtures + f, "utf8"));

const alphabet = [..."abc xyz019_-.,:;?!=<>+-*/%&|~^(){}[]\"'`$#\\\n\t\r~*@"].concat(["${", "%{", "~}", "<<EOT\n", "<<-EOT\n", "\nEOT\n", "/*", "*/", "//", "...", "=>", "for ", " in ", "if ", "%{endif}", "%{endfor}", "é", "😀", "\u201c"]);
const hclish = fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((a) => a.join(""));

function parseAll(src: string | Uint8Array): void {
  parseConfig(src, "p.tf");
  parseExpression(src, "p.tf");
  parseTemplate(src, "p.tf");
  parseTraversalAbs(src, "p.tf");
}

test("the parser never throws on generated HCL-like input", () => {
  fc.assert(fc.property(hclish, (s) => parseAll(s)), { numRuns: 1500 });
});

test("the parser never throws on valid configs mutated by inserting, deleting or replacing bytes", () => {
  const mutation = fc.record({
    seed: fc.integer({ min: 0, max: seeds.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom("insert", "delete", "replace"), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
  });
  fc.assert(
    fc.property(mutation, ({ seed, edits }) => {
      let bytes = Array.from(new TextEncoder().encode(seeds[seed]!));
      for (const e of edits) {
        const at = e.at % (bytes.length + 1);
        if (e.kind === "insert") bytes.splice(at, 0, e.byte);
        else if (e.kind === "delete") bytes.splice(at, 1);
        else bytes[Math.min(at, bytes.length - 1)] = e.byte;
      }
      parseAll(new Uint8Array(bytes));
    }),
    { numRuns: 300 },
  );
});

test("the parser never throws on arbitrary strings, including lone surrogates", () => {
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => parseAll(s)), { numRuns: 1000 });
});

test("token ranges tile the source: text equals the bytes between start and end", () => {
  fc.assert(
    fc.property(hclish, (s) => {
      const bytes = new TextEncoder().encode(s);
      const dec = new TextDecoder();
      let prevEnd = 0;
      for (const t of scanTokens(s, "p.tf")) {
        assert.ok(t.range.start.byte >= prevEnd, "tokens in order");
        assert.equal(dec.decode(bytes.subarray(t.range.start.byte, t.range.end.byte)), t.text);
        prevEnd = t.range.end.byte;
      }
    }),
    { numRuns: 800 },
  );
});

test("100,000 nested [ gives a diagnostic", () => {
  const { diags } = parseConfig("a = " + "[".repeat(100_000), "deep.tf");
  assert.ok(diags.some((d) => d.summary === "Nesting too deep"));
});
