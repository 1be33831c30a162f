// The import graph of the source tree, read from the TypeScript sources (relative imports only), and the
// layering rules of docs/architecture.md checked against it. Used by import-rules.test.ts and by
// scripts/architecture-picture.mjs (through the compiled module) to draw the picture.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";

export interface ImportEdge {
  readonly from: string; // repository-relative file
  readonly to: string; // repository-relative file the specifier resolves to (without extension rewriting)
  readonly typeOnly: boolean;
}

const SKIP = new Set(["node_modules", "dist", ".git", "fixtures", "testdata"]);
const IMPORT = /(?:^|\n)[ \t]*(import|export)[ \t]+(type[ \t]+)?(?:[^;"']*?[ \t\n]from[ \t]+)?["'](\.{1,2}\/[^"']+)["']/g;

/** Every relative import of every .ts/.tsx file under root (tests and benchmarks included). */
export function readImportGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir)) {
      if (SKIP.has(name) || name.startsWith(".")) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) {
        const from = relative(root, p).split(sep).join("/");
        for (const m of readFileSync(p, "utf8").matchAll(IMPORT)) {
          const to = normalize(join(dirname(from), m[3]!)).split(sep).join("/");
          edges.push({ from, to, typeOnly: m[2] !== undefined });
        }
      }
    }
  }
  return edges;
}

/** The layer a file belongs to: its top-level folder, or planner/<part> inside the planner. */
export function layerOf(file: string): string {
  const parts = file.split("/");
  if (parts.length === 1) return "(root)";
  if (parts[0] === "planner" && parts.length > 2) return `planner/${parts[1]}`;
  return parts[0]!;
}

export interface LayerRule {
  readonly layer: string;
  /** Layers it may import; "*" = any. A layer may always import itself. */
  readonly mayImport: readonly string[];
}

/**
 * The rules table of docs/architecture.md: rows `| \`layer\` | owns … | \`a\`, \`b\` |` under the heading
 * "## Layers", the last column listing what the layer may import ("nothing", or "anything").
 */
export function parseRules(markdown: string): LayerRule[] {
  const start = markdown.indexOf("\n## Layers");
  if (start < 0) throw new Error("docs/architecture.md has no '## Layers' section");
  const rules: LayerRule[] = [];
  for (const line of markdown.slice(start + 1).split("\n").slice(1)) {
    if (line.startsWith("## ")) break;
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith("`")) continue;
    const layer = cells[1]!.replace(/`/g, "");
    const last = cells[cells.length - 2]!;
    const mayImport = /^anything/.test(last) ? ["*"] : [...last.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    rules.push({ layer, mayImport });
  }
  return rules;
}

export interface Violation {
  readonly edge: ImportEdge;
  readonly reason: string;
}

/** A layer's rule: its own row, else the row of its top-level folder (planner/x falls back to planner). */
function ruleFor(rules: readonly LayerRule[], layer: string): LayerRule | undefined {
  return rules.find((r) => r.layer === layer) ?? rules.find((r) => r.layer === layer.split("/")[0]);
}

function allowed(rule: LayerRule, target: string): boolean {
  return rule.mayImport.some((m) => m === "*" || m === target || target.startsWith(m + "/"));
}

/** Imports that break the rules, and layers that have no rule at all. */
export function checkRules(edges: readonly ImportEdge[], rules: readonly LayerRule[]): Violation[] {
  const out: Violation[] = [];
  for (const e of edges) {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    if (a === b || a === "(root)") continue;
    const rule = ruleFor(rules, a);
    if (rule === undefined) out.push({ edge: e, reason: `${a} has no row in the Layers table of docs/architecture.md` });
    else if (!allowed(rule, b)) out.push({ edge: e, reason: `${a} may not import ${b}` });
  }
  return out;
}

/**
 * Cycles of value imports between layers (type-only imports vanish at run time and are allowed to point
 * back).
 */
export function layerCycles(edges: readonly ImportEdge[]): string[][] {
  const node = layerOf;
  const adj = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.typeOnly) continue;
    const a = node(e.from);
    const b = node(e.to);
    if (a === b || a === "(root)") continue;
    if (!adj.has(a)) adj.set(a, new Set());
    adj.get(a)!.add(b);
  }
  // Tarjan's strongly connected components, iteratively.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const sccs: string[][] = [];
  for (const start of adj.keys()) {
    if (idx.has(start)) continue;
    const work: { v: string; it: Iterator<string> }[] = [{ v: start, it: (adj.get(start) ?? new Set<string>()).values() }];
    idx.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const n = top.it.next();
      if (!n.done) {
        const w = n.value;
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, it: (adj.get(w) ?? new Set<string>()).values() });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === idx.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        if (comp.length > 1) sccs.push(comp.sort());
      }
    }
  }
  return sccs;
}
