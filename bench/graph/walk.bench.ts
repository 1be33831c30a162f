// Graph benchmark: build, order, cycle-check and walk a 100,000-node random DAG and a 5,000-deep chain.
// Visits are async no-ops, so the figures are the walker's own overhead. Bar: each walk under 5 s.
import { performance } from "node:perf_hooks";
import { findCycles, topologicalOrder, walk, type Graph } from "../../planner/graph/index.js";
import { chainGraph, randomDag } from "./random-dag.js";

const BAR_MS = 5000;
let missed = false;

function time<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  console.log(`${label.padEnd(44)} ${(performance.now() - t0).toFixed(1).padStart(9)} ms`);
  return out;
}

async function walkTimed(label: string, g: Graph<number>): Promise<void> {
  const t0 = performance.now();
  const s = await walk(g, async () => ({}), { parallelism: 10 });
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms`);
  if (!s.ok || s.outcomes.size !== g.nodeCount()) throw new Error(`${label}: walk did not complete`);
  if (ms > BAR_MS) missed = true;
}

const big = time("build random DAG (100,000 nodes, fan-out <=3)", () => randomDag(100_000, 3, 1));
console.log(`  ${big.nodeCount()} nodes, ${big.edgeCount()} edges`);
time("topological order (100,000)", () => topologicalOrder(big));
time("cycle search (100,000)", () => findCycles(big));
await walkTimed("walk, parallelism 10 (100,000)", big);

const chain = time("build chain (5,000)", () => chainGraph(5000));
time("topological order (chain 5,000)", () => topologicalOrder(chain));
time("cycle search (chain 5,000)", () => findCycles(chain));
await walkTimed("walk, parallelism 10 (chain 5,000)", chain);
console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
process.exit(missed ? 1 : 0);
