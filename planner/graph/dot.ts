// DOT output for `cairn graph`. Stable: nodes and edges are sorted by id, so the same configuration always
// prints the same text (diffable, golden-testable). Edges point from dependent to dependency, as Terraform's
// `terraform graph` prints them.

import type { Graph } from "./graph.js";

export interface DotOptions {
  /** Label of the enclosing subgraph; Terraform prints "root". */
  readonly subgraphName?: string;
}

export function toDot<N>(g: Graph<N>, options: DotOptions = {}): string {
  const ids = g.nodeIds().sort();
  const lines: string[] = ["digraph {", '\tcompound = "true"', '\tnewrank = "true"'];
  lines.push(`\tsubgraph ${quote(options.subgraphName ?? "root")} {`);
  for (const id of ids) {
    lines.push(`\t\t${quote(id)} [label = ${quote(g.describe(id).name)}, shape = "box"]`);
  }
  const edges = g.edges().sort((a, b) => compare(a.dependent, b.dependent) || compare(a.dependency, b.dependency));
  for (const e of edges) lines.push(`\t\t${quote(e.dependent)} -> ${quote(e.dependency)}`);
  lines.push("\t}", "}");
  return lines.join("\n") + "\n";
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A DOT double-quoted string: backslashes and quotes escaped, newlines as \n. */
function quote(s: string): string {
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
}
