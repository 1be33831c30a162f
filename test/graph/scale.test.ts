// Scale: the algorithms and the walker must handle a 5,000-deep chain and 100,000 nodes without overflowing
// the stack (recursive algorithms, such as graphlib's, fail here) and in linear time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Graph, findCycles, topologicalOrder, walk, withTransitiveDependents } from "../../planner/graph/index.js";
import { errorDiag } from "../../lang/diagnostics.js";
import { randomDag } from "../../bench/graph/random-dag.js";

function chain(depth: number): Graph<number> {
  const g = new Graph<number>();
  for (let i = 0; i < depth; i++) g.addNode(`n${i}`, i);
  for (let i = 1; i < depth; i++) g.addDependency(`n${i}`, `n${i - 1}`);
  return g;
}

test("5,000-deep chain: order, walk, cycle search and failure propagation", async () => {
  const g = chain(5000);
  const topo = topologicalOrder(g);
  assert.ok(topo.complete);
  assert.equal(topo.order[4999], "n4999");
  let last = -1;
  const s = await walk(g, async (i) => {
    assert.equal(i, last + 1);
    last = i;
    return {};
  });
  assert.ok(s.ok);
  assert.equal(last, 4999);

  const failing = await walk(g, (i) => (i === 0 ? { diags: [errorDiag("Boom", "first link")] } : {}));
  assert.equal([...failing.outcomes.values()].filter((o) => o.status === "upstream-failed").length, 4999);

  assert.deepEqual(findCycles(g), []);
  g.addDependency("n0", "n4999");
  const cycles = findCycles(g);
  assert.equal(cycles.length, 1);
  assert.equal(cycles[0].length, 5000);
  assert.equal(withTransitiveDependents(g, ["n0"]).size, 5000);
});

test("100,000-node random DAG walked with parallelism 10", async () => {
  const g = randomDag(100_000, 3, 42);
  let visits = 0;
  let running = 0;
  let peak = 0;
  const s = await walk(
    g,
    async () => {
      visits++;
      running++;
      peak = Math.max(peak, running);
      await Promise.resolve();
      running--;
      return {};
    },
    { parallelism: 10 },
  );
  assert.ok(s.ok);
  assert.equal(visits, 100_000);
  assert.equal(peak, 10);
  assert.ok(topologicalOrder(g).complete);
  assert.deepEqual(findCycles(g), []);
});
