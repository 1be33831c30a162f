// Reachability for -target and -exclude: everything a set of nodes depends on, or everything that depends on
// them, transitively. Iterative breadth-first search, O(V+E).
// Naming note: Terraform's dag calls these "Ancestors" (dependencies) and "Descendents" (dependents), which
// reads backwards to most people; the names here say which way the edges are followed.

import type { Graph } from "./graph.js";
import { indexGraph, type Adjacency, type IndexedGraph } from "./indexed.js";

/** The given nodes plus everything they depend on, directly or indirectly. */
export function withTransitiveDependencies<N>(g: Graph<N>, start: Iterable<string>): Set<string> {
  const ix = indexGraph(g);
  return toIds(ix, reachable(ix.dependencies, startIndices(ix, start)));
}

/** The given nodes plus everything that depends on them, directly or indirectly. */
export function withTransitiveDependents<N>(g: Graph<N>, start: Iterable<string>): Set<string> {
  const ix = indexGraph(g);
  return toIds(ix, reachable(ix.dependents, startIndices(ix, start)));
}

/** Marks (1) every node reachable from `start` along `adj`, including the start nodes. */
export function reachable(adj: Adjacency, start: Iterable<number>): Uint8Array {
  const n = adj.offsets.length - 1;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (const s of start) {
    if (!seen[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    for (let p = adj.offsets[v]; p < adj.offsets[v + 1]; p++) {
      const w = adj.targets[p];
      if (!seen[w]) {
        seen[w] = 1;
        queue[tail++] = w;
      }
    }
  }
  return seen;
}

function startIndices(ix: IndexedGraph, start: Iterable<string>): number[] {
  const out: number[] = [];
  for (const id of start) {
    const i = ix.indexOf.get(id);
    if (i === undefined) throw new Error(`graph: no node ${JSON.stringify(id)}`);
    out.push(i);
  }
  return out;
}

function toIds(ix: IndexedGraph, marks: Uint8Array): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < marks.length; i++) if (marks[i]) out.add(ix.ids[i]);
  return out;
}
