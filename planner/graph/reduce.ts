// Transitive reduction: drop every edge a -> c that is implied by a longer path a -> b -> ... -> c. It makes
// `cairn graph` readable and shortens walks' bookkeeping; it never changes the order constraints.
// Cost: for each node, one iterative DFS from each of its direct dependencies, so O(V·E) in the worst case
// (same approach as Terraform's dag). That is cheap for configuration graphs (a few thousand nodes, low
// fan-out) but not for 100,000-node instance graphs, which should not be reduced. Requires an acyclic graph.

import type { Graph } from "./graph.js";
import { indexGraph } from "./indexed.js";

/** Removes redundant edges in place; returns how many were removed. */
export function transitiveReduction<N>(g: Graph<N>): number {
  const ix = indexGraph(g);
  const { offsets, targets } = ix.dependencies;
  const n = ix.ids.length;
  // visitStamp[w] === v+1 means w was reached while reducing node v; avoids clearing a set per node.
  const visitStamp = new Int32Array(n);
  // Within one DFS every node is expanded once, so pushes are bounded by twice the edge count.
  const stack = new Int32Array(2 * targets.length + 1);
  let removed = 0;
  for (let v = 0; v < n; v++) {
    const stamp = v + 1;
    const direct = new Set<number>();
    for (let p = offsets[v]; p < offsets[v + 1]; p++) direct.add(targets[p]);
    if (direct.size < 2) continue;
    const redundant = new Set<number>();
    for (const first of direct) {
      // Everything reachable from `first` in one or more steps is implied by the edge v -> first.
      let top = 0;
      for (let p = offsets[first]; p < offsets[first + 1]; p++) stack[top++] = targets[p];
      while (top > 0) {
        const w = stack[--top];
        if (visitStamp[w] === stamp) continue;
        visitStamp[w] = stamp;
        if (direct.has(w)) redundant.add(w);
        for (let p = offsets[w]; p < offsets[w + 1]; p++) if (visitStamp[targets[p]] !== stamp) stack[top++] = targets[p];
      }
    }
    for (const w of redundant) {
      g.removeDependency(ix.ids[v], ix.ids[w]);
      removed++;
    }
  }
  return removed;
}
