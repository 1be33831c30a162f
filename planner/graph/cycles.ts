// Cycle search: strongly connected components by an iterative Tarjan (explicit call stack, O(V+E)).
// Every component with more than one member is a cycle, and so is a node that depends on itself. Like
// Terraform, interlocking cycles are reported as one group: its members are everything that must be broken
// apart, and naming each simple cycle separately can be exponential.

import type { Graph } from "./graph.js";
import { indexGraph, type IndexedGraph } from "./indexed.js";

/** Each cycle's member ids, sorted; cycles sorted by their first member. Empty for an acyclic graph. */
export function findCycles<N>(g: Graph<N>): string[][] {
  const ix = indexGraph(g);
  return cycleIndices(ix).map((members) => members.map((i) => ix.ids[i]).sort()).sort(compareFirst);
}

function compareFirst(a: string[], b: string[]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export function cycleIndices(ix: IndexedGraph): number[][] {
  const { offsets, targets } = ix.dependencies;
  const cycles: number[][] = [];
  for (const component of stronglyConnectedComponents(ix)) {
    if (component.length > 1) {
      cycles.push(component);
      continue;
    }
    const v = component[0];
    for (let p = offsets[v]; p < offsets[v + 1]; p++) {
      if (targets[p] === v) {
        cycles.push(component);
        break;
      }
    }
  }
  return cycles;
}

/** Tarjan's strongly connected components, with the recursion replaced by an explicit frame stack. */
export function stronglyConnectedComponents(ix: IndexedGraph): number[][] {
  const n = ix.ids.length;
  const { offsets, targets } = ix.dependencies;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const sccStack = new Int32Array(n);
  let sccTop = 0;
  // One frame per node being explored: the node and the position of the next edge to look at.
  const frameNode = new Int32Array(n);
  const frameEdge = new Int32Array(n);
  let frames = 0;
  let counter = 0;
  const components: number[][] = [];

  const enter = (v: number): void => {
    index[v] = low[v] = counter++;
    sccStack[sccTop++] = v;
    onStack[v] = 1;
    frameNode[frames] = v;
    frameEdge[frames] = offsets[v];
    frames++;
  };

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (frames > 0) {
      const v = frameNode[frames - 1];
      const p = frameEdge[frames - 1];
      if (p < offsets[v + 1]) {
        frameEdge[frames - 1] = p + 1;
        const w = targets[p];
        if (index[w] === -1) enter(w);
        else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      frames--;
      if (frames > 0) {
        const parent = frameNode[frames - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = sccStack[--sccTop];
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}
