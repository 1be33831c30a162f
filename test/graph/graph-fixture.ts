// Reads a graph fixture: one statement per line, '#' comments.
//   a -> b               a depends on b (both nodes are created if new)
//   node a               an isolated node
//   node a @main.tf:3    a node declared at line 3 of main.tf (gives it a source range)
import { readFileSync } from "node:fs";
import { Graph } from "../../planner/graph/index.js";
import type { Range } from "../../lang/pos.js";

export interface FixtureNode {
  readonly id: string;
  readonly range?: Range;
}

export function parseGraphFixture(text: string): Graph<FixtureNode> {
  const g = new Graph<FixtureNode>({ describe: (id, n) => ({ name: id, range: n.range }) });
  const ensure = (id: string) => {
    if (!g.hasNode(id)) g.addNode(id, { id });
  };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") continue;
    const edge = /^(\S+)\s*->\s*(\S+)$/.exec(line);
    if (edge) {
      ensure(edge[1]);
      ensure(edge[2]);
      g.addDependency(edge[1], edge[2]);
      continue;
    }
    const node = /^node\s+(\S+)(?:\s+@(\S+):(\d+))?$/.exec(line);
    if (!node) throw new Error(`bad fixture line: ${raw}`);
    const [, id, file, lineNo] = node;
    const range = file ? lineRange(file, Number(lineNo)) : undefined;
    g.addNode(id, { id, range });
  }
  return g;
}

function lineRange(filename: string, line: number): Range {
  return { filename, start: { line, column: 1, byte: 0 }, end: { line, column: 10, byte: 9 } };
}

export function readGraphFixture(path: string): Graph<FixtureNode> {
  return parseGraphFixture(readFileSync(path, "utf8"));
}

/** Builds a graph from [dependent, dependency] pairs over nodes 0..n-1, named "n0", "n1", ... */
export function numberedGraph(n: number, edges: readonly (readonly [number, number])[]): Graph<number> {
  const g = new Graph<number>();
  for (let i = 0; i < n; i++) g.addNode(`n${i}`, i);
  for (const [a, b] of edges) g.addDependency(`n${a}`, `n${b}`);
  return g;
}
