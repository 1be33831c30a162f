// A compact, read-only snapshot of a Graph for the algorithms: nodes numbered 0..n-1 and both adjacency
// directions in CSR form (offsets + targets in typed arrays). Building it is O(V+E) and every algorithm here
// then runs without string hashing or per-call array allocation, which is what keeps a 100,000-node walk fast.

import type { Graph } from "./graph.js";

export interface Adjacency {
  /** Neighbours of node i are targets[offsets[i]] .. targets[offsets[i+1]-1]. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

export interface IndexedGraph {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Edges dependent -> dependency. */
  readonly dependencies: Adjacency;
  /** Edges dependency -> dependent. */
  readonly dependents: Adjacency;
}

export function indexGraph<N>(g: Graph<N>): IndexedGraph {
  const ids = g.nodeIds();
  const n = ids.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) indexOf.set(ids[i], i);
  const edges = g.edges();
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) {
    from[k] = indexOf.get(edges[k].dependent)!;
    to[k] = indexOf.get(edges[k].dependency)!;
  }
  return { ids, indexOf, dependencies: toCsr(n, from, to), dependents: toCsr(n, to, from) };
}

function toCsr(n: number, from: Int32Array, to: Int32Array): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < from.length; k++) offsets[from[k] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(from.length);
  for (let k = 0; k < from.length; k++) targets[fill[from[k]]++] = to[k];
  return { offsets, targets };
}
