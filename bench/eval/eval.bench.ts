// Evaluation throughput: a mix of template, `for` and function-call expressions (the shapes the benchmark
// config and real modules are made of) evaluated against a realistic scope. Bar: >= 100,000 evaluations
// per second. Prints e.g. `eval mixed expressions: 250000/s (bar 100000/s)`; exits 1 below the bar.

import { rootContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { terraformFunctions } from "../../lang/funcs/table.js";
import { parseExpression } from "../../lang/syntax/parser.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { StringType } from "../../lang/values/types.js";
import { listVal, numberVal, objectVal, stringVal, unknownVal, type Value } from "../../lang/values/value.js";

const BAR = 100_000;

// 3,000 nodes as the benchmark config declares them: unknown ids, known names and labels.
const nodes = new Map<string, Value>();
for (let i = 0; i < 3000; i++) {
  nodes.set(
    `n${i}`,
    objectVal({
      id: unknownVal(StringType),
      name: stringVal(`prod-node-${i}`),
      cpu: numberVal(2 + (i % 4)),
      labels: objectVal({ zone: stringVal(`zone-${i % 3}`), tier: stringVal(i % 2 ? "web" : "db") }),
    }),
  );
}
const scope = rootContext(
  {
    var: objectVal({
      env: stringVal("prod"),
      replicas: numberVal(3),
      zones: listVal([stringVal("a"), stringVal("b"), stringVal("c")]),
      tags: objectVal({ team: stringVal("platform"), cost: stringVal("cc-42"), owner: stringVal("ops") }),
    }),
    local: objectVal({ prefix: stringVal("cairn") }),
    count: objectVal({ index: numberVal(7) }),
    cluster_node: objectVal(nodes),
  },
  terraformFunctions({ baseDir: process.cwd() }),
);

const sources = [
  // templates
  `"\${local.prefix}-\${var.env}-node-\${count.index}"`,
  `"\${cluster_node.n42.labels.zone}/\${cluster_node.n42.name}"`,
  `"%{ if var.env == "prod" }critical%{ else }normal%{ endif }"`,
  // for expressions
  `[for z in var.zones : "\${var.env}-\${z}"]`,
  `{for k, v in var.tags : k => upper(v) if k != "owner"}`,
  // function calls
  `lower(format("%s-%03d", var.env, count.index))`,
  `join(",", concat(var.zones, ["d"]))`,
  `max(cluster_node.n7.cpu, var.replicas) * 2`,
  `lookup(var.tags, "team", "none")`,
  `length(var.zones) > 2 ? element(var.zones, count.index) : "none"`,
];
const exprs: Expression[] = sources.map((src) => {
  const { expr, diags } = parseExpression(src, "bench.tf");
  if (diags.length > 0) throw new Error(`bench expression does not parse: ${src}`);
  return expr;
});
for (const e of exprs) {
  const r = evaluate(e, scope);
  if (r.diags.length > 0) throw new Error(`bench expression fails: ${r.diags[0]!.summary}: ${r.diags[0]!.detail}`);
}

function run(iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) evaluate(exprs[i % exprs.length]!, scope);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

run(50_000); // warm-up: let the JIT settle
const rates: number[] = [];
for (let round = 0; round < 5; round++) {
  const n = 100_000;
  rates.push(n / run(n));
}
rates.sort((a, b) => a - b);
const median = Math.round(rates[Math.floor(rates.length / 2)]!);
console.log(`eval mixed expressions: ${median}/s (bar ${BAR}/s)`);
process.exit(median >= BAR ? 0 : 1);
