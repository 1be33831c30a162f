// Topological order by Kahn's algorithm (iterative, O(V+E)): dependencies come before their dependents.
// Ties are broken by the container's node order, so the result is deterministic for a given build.

import type { Graph } from "./graph.js";
import { indexGraph, type IndexedGraph } from "./indexed.js";

export interface TopologicalOrder {
  /** Every node that is not part of or behind a cycle, dependencies first. */
  readonly order: string[];
  /** False when a cycle kept some nodes out of `order`; use findCycles to name them. */
  readonly complete: boolean;
}

export function topologicalOrder<N>(g: Graph<N>): TopologicalOrder {
  const ix = indexGraph(g);
  const order = topologicalIndices(ix);
  return { order: Array.from(order, (i) => ix.ids[i]), complete: order.length === ix.ids.length };
}

/** Kahn over an indexed graph; returns node indices, dependencies first. */
export function topologicalIndices(ix: IndexedGraph): Int32Array {
  const n = ix.ids.length;
  const { offsets: depOff } = ix.dependencies;
  const { offsets: dntOff, targets: dnt } = ix.dependents;
  const waiting = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    waiting[i] = depOff[i + 1] - depOff[i];
    if (waiting[i] === 0) queue[tail++] = i;
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    for (let p = dntOff[v]; p < dntOff[v + 1]; p++) {
      const w = dnt[p];
      if (--waiting[w] === 0) queue[tail++] = w;
    }
  }
  return queue.subarray(0, tail);
}
