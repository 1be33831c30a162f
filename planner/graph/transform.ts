// Building a graph is an ordered list of small transformers (OpenTofu's graph builders), each doing one thing:
// add the resource nodes, connect references, attach providers, prune... A transformer reports problems as
// diagnostics; once one reports an error the later ones are skipped, because they may rely on its work.
// The finished graph is validated: every cycle becomes a "Cycle" diagnostic naming all its members.

import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { Graph, type GraphOptions } from "./graph.js";
import { findCycles } from "./cycles.js";
import { indexGraph } from "./indexed.js";
import { topologicalIndices } from "./topo.js";
import { cycleDiagnostic } from "./cycle-diagnostic.js";

export interface GraphTransformer<N> {
  /** Shown in debug output and internal errors, e.g. "ReferenceTransformer". */
  readonly name: string;
  transform(g: Graph<N>): Diagnostic[];
}

export interface BuiltGraph<N> {
  /** The graph as far as it was built; only trust it when `diags` has no errors. */
  readonly graph: Graph<N>;
  readonly diags: Diagnostic[];
}

export function buildGraph<N>(transformers: readonly GraphTransformer<N>[], options: GraphOptions<N> = {}): BuiltGraph<N> {
  const graph = new Graph<N>(options);
  const diags: Diagnostic[] = [];
  for (const t of transformers) {
    diags.push(...t.transform(graph));
    if (hasErrors(diags)) return { graph, diags };
  }
  diags.push(...validateGraph(graph));
  return { graph, diags };
}

/**
 * The checks every finished graph must pass: today, acyclicity. A topological order that reaches every node
 * proves there is no cycle (a node depending on itself never becomes ready either); only a graph that has
 * one pays for the search that names its members.
 */
export function validateGraph<N>(g: Graph<N>): Diagnostic[] {
  const ix = indexGraph(g);
  if (topologicalIndices(ix).length === ix.ids.length) return [];
  return findCycles(g).map((members) => cycleDiagnostic(g, members));
}
