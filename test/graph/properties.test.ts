// Property tests (fast-check) over random graphs: walk ordering, concurrency bound, exactly-once visits and
// failure propagation; topological order; cycle search against a brute-force oracle; reachability and
// transitive reduction against the transitive closure.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  Graph,
  findCycles,
  topologicalOrder,
  transitiveReduction,
  walk,
  withTransitiveDependencies,
  withTransitiveDependents,
} from "../../planner/graph/index.js";
import { errorDiag } from "../../lang/diagnostics.js";

interface RandomGraph {
  n: number;
  edges: [number, number][]; // [dependent, dependency]
  insertion: number[]; // order in which nodes are added, so ids are not trivially sorted
}

const id = (i: number) => `n${i}`;

function toGraph(r: RandomGraph): Graph<number> {
  const g = new Graph<number>();
  for (const i of r.insertion) g.addNode(id(i), i);
  for (const [a, b] of r.edges) g.addDependency(id(a), id(b));
  return g;
}

function permutation(n: number): fc.Arbitrary<number[]> {
  return fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }).map((keys) =>
    keys.map((k, i) => [k, i] as const).sort((x, y) => x[0] - y[0]).map(([, i]) => i),
  );
}

/** A random DAG: edges only from a higher to a lower number, so it cannot have a cycle. */
const randomDag = (maxN: number): fc.Arbitrary<RandomGraph> =>
  fc.integer({ min: 1, max: maxN }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc
        .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 })
        .map((ps) => ps.filter(([a, b]) => a !== b).map(([a, b]): [number, number] => [Math.max(a, b), Math.min(a, b)])),
      insertion: permutation(n),
    }),
  );

/** Any directed graph, self-loops included. */
const randomDigraph = (maxN: number): fc.Arbitrary<RandomGraph> =>
  fc.integer({ min: 1, max: maxN }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 2 }),
      insertion: permutation(n),
    }),
  );

/** reach[a][b]: b is reachable from a in one or more steps along dependency edges. */
function closure(r: RandomGraph): boolean[][] {
  const reach = Array.from({ length: r.n }, () => new Array<boolean>(r.n).fill(false));
  for (const [a, b] of r.edges) reach[a][b] = true;
  for (let k = 0; k < r.n; k++) for (let i = 0; i < r.n; i++) if (reach[i][k]) for (let j = 0; j < r.n; j++) if (reach[k][j]) reach[i][j] = true;
  return reach;
}

const ticks = async (k: number) => {
  for (let i = 0; i < k; i++) await new Promise<void>((r) => setImmediate(r));
};

test("property: walk respects dependencies, the bound, visits once and propagates failures exactly", async () => {
  await fc.assert(
    fc.asyncProperty(
      randomDag(25).chain((r) =>
        fc.record({
          r: fc.constant(r),
          failing: fc.array(fc.boolean(), { minLength: r.n, maxLength: r.n }),
          delays: fc.array(fc.nat(3), { minLength: r.n, maxLength: r.n }),
          parallelism: fc.integer({ min: 1, max: 6 }),
        }),
      ),
      async ({ r, failing, delays, parallelism }) => {
        const g = toGraph(r);
        const finished = new Set<number>();
        const visits = new Array<number>(r.n).fill(0);
        let running = 0;
        let peak = 0;
        const summary = await walk(
          g,
          async (i) => {
            for (const [a, b] of r.edges) if (a === i) assert.ok(finished.has(b), `n${i} started before its dependency n${b} finished`);
            visits[i]++;
            running++;
            peak = Math.max(peak, running);
            await ticks(delays[i]);
            running--;
            finished.add(i);
            return failing[i] ? { diags: [errorDiag("Boom", `n${i}`)] } : {};
          },
          { parallelism },
        );
        assert.ok(peak <= parallelism);
        // Oracle: in number order (a topological order here) a node runs iff all its dependencies succeeded.
        const succeeded = new Array<boolean>(r.n).fill(false);
        const ran = new Array<boolean>(r.n).fill(false);
        for (let i = 0; i < r.n; i++) {
          ran[i] = r.edges.every(([a, b]) => a !== i || succeeded[b]);
          succeeded[i] = ran[i] && !failing[i];
        }
        const failedIds = [...Array(r.n).keys()].filter((i) => ran[i] && failing[i]).map(id);
        const blocked = withTransitiveDependents(g, failedIds);
        for (const f of failedIds) blocked.delete(f);
        for (let i = 0; i < r.n; i++) {
          assert.equal(visits[i], ran[i] ? 1 : 0);
          const expected = !ran[i] ? "upstream-failed" : failing[i] ? "failed" : "ok";
          assert.equal(summary.outcomes.get(id(i))!.status, expected);
          assert.equal(blocked.has(id(i)), expected === "upstream-failed");
        }
        assert.equal(summary.diags.length, failedIds.length);
      },
    ),
    { numRuns: 150 },
  );
});

test("property: topological order contains every node once and respects every edge", () => {
  fc.assert(
    fc.property(randomDag(40), (r) => {
      const { order, complete } = topologicalOrder(toGraph(r));
      assert.ok(complete);
      assert.equal(new Set(order).size, r.n);
      const pos = new Map(order.map((v, k) => [v, k]));
      for (const [a, b] of r.edges) assert.ok(pos.get(id(b))! < pos.get(id(a))!);
    }),
    { numRuns: 300 },
  );
});

test("property: cycles are exactly the mutually reachable groups (brute-force oracle)", () => {
  fc.assert(
    fc.property(randomDigraph(12), (r) => {
      const reach = closure(r);
      const expected: string[][] = [];
      const placed = new Set<number>();
      for (let i = 0; i < r.n; i++) {
        if (placed.has(i) || !reach[i][i]) continue;
        const group = [...Array(r.n).keys()].filter((j) => j === i || (reach[i][j] && reach[j][i]));
        group.forEach((j) => placed.add(j));
        expected.push(group.map(id).sort());
      }
      expected.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      assert.deepEqual(findCycles(toGraph(r)), expected);
      assert.equal(topologicalOrder(toGraph(r)).complete, expected.length === 0);
    }),
    { numRuns: 400 },
  );
});

test("property: cycle search finds exactly the cycles injected into a DAG", () => {
  fc.assert(
    fc.property(
      randomDag(30).chain((r) =>
        fc.record({
          r: fc.constant(r),
          // Each injected cycle has a rank: its members may depend on DAG nodes below the rank, and DAG nodes
          // above it may depend on its members, so no path leaves a cycle and comes back.
          cycles: fc.array(
            fc.record({ size: fc.integer({ min: 1, max: 5 }), rank: fc.nat(r.n), links: fc.array(fc.tuple(fc.nat(100), fc.nat(100), fc.boolean()), { maxLength: 6 }) }),
            { maxLength: 4 },
          ),
        }),
      ),
      ({ r, cycles }) => {
        const g = toGraph(r);
        const expected: string[][] = [];
        cycles.forEach((c, k) => {
          const members = Array.from({ length: c.size }, (_, m) => `c${k}_${m}`);
          for (const m of members) g.addNode(m, -1);
          for (let m = 0; m < c.size; m++) g.addDependency(members[m], members[(m + 1) % c.size]);
          for (const [x, y, outward] of c.links) {
            const member = members[x % c.size];
            if (outward && c.rank > 0) g.addDependency(member, id(y % c.rank));
            if (!outward && c.rank < r.n - 1) g.addDependency(id(c.rank + 1 + (y % (r.n - 1 - c.rank))), member);
          }
          expected.push(members.sort());
        });
        expected.sort((a, b) => (a[0] < b[0] ? -1 : 1));
        assert.deepEqual(findCycles(g), expected);
      },
    ),
    { numRuns: 300 },
  );
});

test("property: reachability matches the transitive closure", () => {
  fc.assert(
    fc.property(randomDigraph(15), fc.nat(14), (r, s) => {
      const start = s % r.n;
      const reach = closure(r);
      const g = toGraph(r);
      const deps = withTransitiveDependencies(g, [id(start)]);
      const dependents = withTransitiveDependents(g, [id(start)]);
      for (let j = 0; j < r.n; j++) {
        assert.equal(deps.has(id(j)), j === start || reach[start][j]);
        assert.equal(dependents.has(id(j)), j === start || reach[j][start]);
      }
    }),
    { numRuns: 300 },
  );
});

test("property: transitive reduction keeps reachability and leaves no redundant edge", () => {
  fc.assert(
    fc.property(randomDag(15), (r) => {
      const g = toGraph(r);
      transitiveReduction(g);
      const reduced: RandomGraph = { ...r, edges: g.edges().map((e) => [Number(e.dependent.slice(1)), Number(e.dependency.slice(1))]) };
      assert.deepEqual(closure(reduced), closure(r));
      for (let k = 0; k < reduced.edges.length; k++) {
        const without: RandomGraph = { ...r, edges: reduced.edges.filter((_, m) => m !== k) };
        const [a, b] = reduced.edges[k];
        assert.equal(closure(without)[a][b], false, `edge n${a} -> n${b} is redundant`);
      }
    }),
    { numRuns: 200 },
  );
});
