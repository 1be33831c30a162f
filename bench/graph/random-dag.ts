// Deterministic random DAG generator shared by the graph benchmark and the scale tests: node i depends on up
// to `fanOut` earlier nodes chosen by a seeded PRNG (mulberry32), so runs are reproducible.
import { Graph } from "../../planner/graph/index.js";

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomDag(n: number, fanOut: number, seed: number): Graph<number> {
  const rand = mulberry32(seed);
  const g = new Graph<number>();
  for (let i = 0; i < n; i++) g.addNode(`n${i}`, i);
  for (let i = 1; i < n; i++) {
    const k = Math.floor(rand() * (fanOut + 1));
    for (let e = 0; e < k; e++) g.addDependency(`n${i}`, `n${Math.floor(rand() * i)}`);
  }
  return g;
}

export function chainGraph(depth: number): Graph<number> {
  const g = new Graph<number>();
  for (let i = 0; i < depth; i++) g.addNode(`n${i}`, i);
  for (let i = 1; i < depth; i++) g.addDependency(`n${i}`, `n${i - 1}`);
  return g;
}
