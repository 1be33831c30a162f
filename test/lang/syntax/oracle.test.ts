// hcl2-parser (HashiCorp's HCL compiled to JS, via hcl2json) is the structural oracle: our AST projected to
// its JSON shape must equal its output for every fixture, every error-free specsuite input and a generated
// benchmark-shaped configuration. Expressions are compared by exact source text, so ranges are checked too.
// Specsuite cases that expect syntax errors are checked for the exact diagnostic ranges instead.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateBenchmarkConfig } from "../../../bench/gen/config.js";
import { parseConfig } from "../../../lang/syntax/parser.js";
import { projectHcl2Json } from "../../../lang/syntax/project-hcl2json.js";
import { specsuiteDir } from "../specsuite/location.js";

const fixtures = fileURLToPath(new URL("../../../../test/lang/syntax/fixtures/oracle/", import.meta.url));
const specsuite = specsuiteDir;

interface Hcl2Parser {
  parseToObject(src: string): [unknown, unknown];
}
const hcl = createRequire(import.meta.url)("hcl2-parser") as Hcl2Parser;

function hclFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...hclFiles(p));
    else if (name.endsWith(".hcl")) out.push(p);
  }
  return out;
}

function assertMatchesOracle(src: string, name: string): void {
  const { file, diags } = parseConfig(src, name);
  assert.deepEqual(diags.map((d) => d.summary), [], `${name}: no diagnostics`);
  const [theirs, err] = hcl.parseToObject(src);
  assert.equal(err, null, `${name}: oracle accepts it`);
  assert.deepStrictEqual(projectHcl2Json(file), theirs, name);
}

test("fixtures: projection equals hcl2-parser", () => {
  const files = hclFiles(fixtures);
  assert.ok(files.length >= 4);
  for (const f of files) assertMatchesOracle(readFileSync(f, "utf8"), f);
});

/** The `diagnostics { error { from {...} to {...} } }` ranges of a specsuite .t file, as "l,c(b)-l,c(b)". */
function expectedDiagRanges(t: string): string[] {
  const out: string[] = [];
  const re = /from\s*\{\s*line\s*=\s*(\d+)\s*column\s*=\s*(\d+)\s*byte\s*=\s*(\d+)\s*\}\s*to\s*\{\s*line\s*=\s*(\d+)\s*column\s*=\s*(\d+)\s*byte\s*=\s*(\d+)\s*\}/g;
  for (const m of t.matchAll(re)) out.push(`${m[1]},${m[2]}(${m[3]})-${m[4]},${m[5]}(${m[6]})`);
  return out;
}

test("specsuite: error-free inputs match hcl2-parser; syntax errors have the expected ranges", () => {
  let compared = 0;
  let syntaxErrors = 0;
  for (const f of hclFiles(specsuite)) {
    const src = readFileSync(f, "utf8");
    const { diags } = parseConfig(src, f);
    if (diags.length === 0) {
      assertMatchesOracle(src, f);
      compared++;
      continue;
    }
    const want = expectedDiagRanges(readFileSync(f.replace(/\.hcl$/, ".t"), "utf8"));
    const got = diags.map((d) => {
      const s = d.subject!;
      return `${s.start.line},${s.start.column}(${s.start.byte})-${s.end.line},${s.end.column}(${s.end.byte})`;
    });
    assert.deepEqual(got, want, f);
    syntaxErrors++;
  }
  assert.ok(compared >= 10, `compared ${compared}`);
  assert.ok(syntaxErrors >= 3, `syntax error cases ${syntaxErrors}`);
});

test("generated benchmark-shaped configuration (100 nodes, 300 blocks) matches hcl2-parser", () => {
  assertMatchesOracle(generateBenchmarkConfig(100), "generated.tf");
});
