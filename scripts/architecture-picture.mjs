// Draws docs/architecture-layers.svg from the real import graph: one box per layer (docs/architecture.md's
// Layers table), an arrow per pair of layers with imports between them, labelled with their number.
// Needs the compiled tree (npm run build) and Graphviz's `dot`. Usage: node scripts/architecture-picture.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const { readImportGraph, layerOf, parseRules } = await import(join(root, "dist/test/architecture/import-graph.js"));
const rules = parseRules(readFileSync(join(root, "docs/architecture.md"), "utf8"));
const shown = new Set(rules.map((r) => r.layer).filter((l) => l !== "test" && l !== "bench"));
const counts = new Map();
for (const e of readImportGraph(root)) {
  const a = layerOf(e.from);
  const b = layerOf(e.to);
  if (a === b || !shown.has(a) && !shown.has(a.split("/")[0])) continue;
  const key = `${a}\u0000${b}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
const nodes = new Set();
for (const k of counts.keys()) for (const n of k.split("\u0000")) nodes.add(n);
const lines = ["digraph layers {", '  rankdir=TB; node [shape=box, style="rounded,filled", fillcolor="#f4f4f4", fontname="Helvetica"]; edge [color="#666666", fontname="Helvetica", fontsize=9];'];
for (const n of [...nodes].sort()) lines.push(`  "${n}";`);
for (const [k, n] of [...counts.entries()].sort()) {
  const [a, b] = k.split("\u0000");
  lines.push(`  "${a}" -> "${b}" [label="${n}"];`);
}
lines.push("}");
const dot = spawnSync("dot", ["-Tsvg"], { input: lines.join("\n"), encoding: "utf8" });
if (dot.status !== 0) {
  console.error(`dot failed: ${dot.error?.message ?? dot.stderr}`);
  process.exit(1);
}
writeFileSync(join(root, "docs/architecture-layers.svg"), dot.stdout);
console.log(`docs/architecture-layers.svg: ${nodes.size} layers, ${counts.size} arrows`);
