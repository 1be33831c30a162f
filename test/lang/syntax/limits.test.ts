// Nesting deeper than the parser's limit is a diagnostic, never a stack overflow; very large files parse.

import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_NESTING_DEPTH } from "../../../lang/syntax/parser-base.js";
import { parseConfig, parseExpression, parseTemplate } from "../../../lang/syntax/parser.js";
import { rng } from "./shape.js";

const deepInputs: [string, string][] = [
  ["100,000 nested [", "a = " + "[".repeat(100_000)],
  ["100,000 nested [ closed", "a = " + "[".repeat(100_000) + "]".repeat(100_000)],
  ["nested (", "a = " + "(".repeat(50_000) + "1" + ")".repeat(50_000)],
  ["nested {", "a = " + "{a = ".repeat(50_000) + "1" + "}".repeat(50_000)],
  ["nested unary", "a = " + "!".repeat(50_000) + "true"],
  ["nested conditionals", "a = " + "x ? y : ".repeat(50_000) + "z"],
  ["nested calls", "a = " + "f(".repeat(50_000)],
  ["nested blocks", "a {\n".repeat(50_000)],
  ["nested templates", "a = " + '"${'.repeat(30_000)],
  ["nested for expressions", "a = " + "[for x in ".repeat(5_000)],
  ["nested directives", 'a = "' + "%{if x}".repeat(30_000) + '"'],
  ["nested splats", "a = x" + "[*]".repeat(50_000)],
];

test("deep nesting gives one 'Nesting too deep' diagnostic instead of a stack overflow", () => {
  for (const [name, src] of deepInputs) {
    const { diags } = parseConfig(src, "deep.tf");
    const deep = diags.filter((d) => d.summary === "Nesting too deep");
    assert.equal(deep.length, 1, name);
    assert.ok(deep[0]!.subject, name);
  }
});

test("the nesting limit is exact: one level below it parses cleanly", () => {
  const ok = parseExpression("[".repeat(MAX_NESTING_DEPTH) + "]".repeat(MAX_NESTING_DEPTH), "t");
  assert.deepEqual(ok.diags, []);
  const over = parseExpression("[".repeat(MAX_NESTING_DEPTH + 1) + "]".repeat(MAX_NESTING_DEPTH + 1), "t");
  assert.deepEqual(
    over.diags.map((d) => [d.summary, rng(d.subject)]),
    [["Nesting too deep", `1,${MAX_NESTING_DEPTH + 1}(${MAX_NESTING_DEPTH})-1,${MAX_NESTING_DEPTH + 2}(${MAX_NESTING_DEPTH + 1})`]],
  );
  // Every kind of nesting just under the limit parses without overflowing the stack.
  const n = MAX_NESTING_DEPTH - 1;
  const underLimit = [
    "(".repeat(n) + "1" + ")".repeat(n),
    "{a = ".repeat(n) + "1" + "}".repeat(n),
    "f(".repeat(n) + ")".repeat(n),
    '"${'.repeat(n) + "1" + '}"'.repeat(n),
    "!".repeat(n) + "true",
    "x ? y : ".repeat(n) + "z",
    "[for x in ".repeat(n) + "y" + " : x]".repeat(n),
  ];
  for (const src of underLimit) assert.deepEqual(parseExpression(src, "t").diags, [], src.slice(0, 12));
  const tpl = parseTemplate("%{if x}".repeat(20_000), "t");
  assert.ok(tpl.diags.some((d) => d.summary === "Nesting too deep"));
});

test("a 50 MB file parses without crashing", () => {
  // Realistic shape: many blocks, long strings, comments and a big heredoc.
  const unit =
    '# generated\nresource "cluster_node" "n" {\n  name   = "node-${var.env}"\n  cpu    = 4\n  tags   = { a = "b", c = [1, 2, 3] }\n}\n';
  const big = "x".repeat(1024);
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < 50 * 1024 * 1024) {
    const chunk = i % 50 === 0 ? `s${i} = "${big}"\nh${i} = <<EOT\n${big}\n${big}\nEOT\n` : unit.replace('"n"', `"n${i}"`);
    parts.push(chunk);
    size += chunk.length;
    i++;
  }
  const src = parts.join("");
  const t0 = performance.now();
  const { file, diags } = parseConfig(src, "big.tf");
  const ms = performance.now() - t0;
  assert.deepEqual(diags, []);
  assert.ok(file.body.blocks.length > 100_000);
  console.log(`# 50 MB file (${(src.length / 1e6).toFixed(1)} MB, ${file.body.blocks.length} blocks) parsed in ${ms.toFixed(0)} ms`);
});
