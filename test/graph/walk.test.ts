// Table-driven tests of the walker's outcomes, failure propagation, bounded concurrency and cancellation,
// plus the pipeline (buildGraph) behaviour.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGraphFixture } from "./graph-fixture.js";
import { buildGraph, Graph, walk, type GraphTransformer, type NodeStatus, type WalkResult } from "../../planner/graph/index.js";
import { errorDiag, warningDiag, type Diagnostic } from "../../lang/diagnostics.js";

const tick = () => new Promise<void>((r) => setImmediate(r));

interface WalkCase {
  name: string;
  graph: string;
  fail?: string[];
  parallelism?: number;
  expect: Record<string, NodeStatus>;
  /** Ids that must have been visited in exactly this order (parallelism 1 only). */
  order?: string[];
}

const cases: WalkCase[] = [
  { name: "empty graph", graph: "", expect: {} },
  {
    name: "chain in order",
    graph: "c -> b\nb -> a",
    parallelism: 1,
    expect: { a: "ok", b: "ok", c: "ok" },
    order: ["a", "b", "c"],
  },
  {
    name: "failure blocks dependents only",
    graph: "b -> a\nc -> b\nd -> c\nx -> y\nz -> a",
    fail: ["b"],
    expect: { a: "ok", b: "failed", c: "upstream-failed", d: "upstream-failed", x: "ok", y: "ok", z: "ok" },
  },
  {
    name: "dependent of a failed and an ok node is upstream-failed",
    graph: "c -> a\nc -> b",
    fail: ["a"],
    expect: { a: "failed", b: "ok", c: "upstream-failed" },
  },
  {
    name: "two independent failures",
    graph: "b -> a\nd -> c\ne -> b\ne -> d",
    fail: ["a", "c"],
    expect: { a: "failed", b: "upstream-failed", c: "failed", d: "upstream-failed", e: "upstream-failed" },
  },
];

for (const c of cases) {
  test(`walk: ${c.name}`, async () => {
    const g = parseGraphFixture(c.graph);
    const visited: string[] = [];
    const summary = await walk(
      g,
      async (_node, id): Promise<WalkResult> => {
        visited.push(id);
        await tick();
        return c.fail?.includes(id) ? { diags: [errorDiag("Boom", `${id} failed`)] } : {};
      },
      { parallelism: c.parallelism },
    );
    const statuses = Object.fromEntries([...summary.outcomes].map(([id, o]) => [id, o.status]));
    assert.deepEqual(statuses, c.expect);
    if (c.order) assert.deepEqual(visited, c.order);
    for (const id of visited) assert.ok(summary.outcomes.get(id)!.status === "ok" || summary.outcomes.get(id)!.status === "failed");
    // A failure's error is reported once, for the failed node only.
    assert.equal(summary.diags.length, (c.fail ?? []).length);
    assert.equal(summary.ok, (c.fail ?? []).length === 0);
  });
}

test("walk: upstream-failed names the failed node as cause", async () => {
  const g = parseGraphFixture("c -> b\nb -> a");
  const s = await walk(g, (_n, id) => (id === "a" ? { diags: [errorDiag("Boom", "x")] } : {}));
  assert.deepEqual(s.outcomes.get("c"), { status: "upstream-failed", cause: "a" });
});

test("walk: warnings keep a node ok and are reported", async () => {
  const g = parseGraphFixture("b -> a");
  const s = await walk(g, (_n, id) => ({ diags: id === "a" ? [warningDiag("Deprecated", "d")] : [] }));
  assert.equal(s.outcomes.get("a")!.status, "ok");
  assert.equal(s.outcomes.get("b")!.status, "ok");
  assert.equal(s.diags.length, 1);
  assert.ok(s.ok);
});

test("walk: a failure shared by several nodes (one diagnostic object) is reported once; equal but distinct ones each", async () => {
  const g = parseGraphFixture("node a\nnode b\nnode c");
  const shared = errorDiag("Failed to persist state", "Error writing the state journal");
  const s = await walk(g, (_n, id) => ({ diags: id === "c" ? [errorDiag("Failed to persist state", "Error writing the state journal")] : [shared] }));
  assert.deepEqual(["a", "b", "c"].map((id) => s.outcomes.get(id)!.status), ["failed", "failed", "failed"]);
  assert.equal(s.diags.length, 2);
});

test("walk: a throwing visitor fails its node with an internal-error diagnostic", async () => {
  const g = parseGraphFixture("b -> a\nc -> x");
  const s = await walk(g, (_n, id) => {
    if (id === "a") throw new Error("kaboom");
    if (id === "x") return Promise.reject(new Error("async kaboom"));
    return {};
  });
  const a = s.outcomes.get("a")!;
  assert.equal(a.status, "failed");
  assert.match((a as { diags: readonly Diagnostic[] }).diags[0].detail!, /kaboom/);
  assert.equal(s.outcomes.get("b")!.status, "upstream-failed");
  assert.equal(s.outcomes.get("c")!.status, "upstream-failed");
});

test("walk: concurrency never exceeds parallelism and reaches it when possible", async () => {
  for (const parallelism of [1, 3, 10]) {
    const g = new Graph<number>();
    for (let i = 0; i < 40; i++) g.addNode(`n${i}`, i);
    let running = 0;
    let peak = 0;
    await walk(
      g,
      async () => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        return {};
      },
      { parallelism },
    );
    assert.equal(peak, parallelism);
  }
});

test("walk: abort starts nothing new, lets in-flight visits finish, cancels the rest", async () => {
  const g = new Graph<number>();
  for (let i = 0; i < 20; i++) g.addNode(`n${String(i).padStart(2, "0")}`, i);
  for (let i = 1; i < 20; i++) if (i % 2 === 1) g.addDependency(`n${String(i).padStart(2, "0")}`, "n00");
  const controller = new AbortController();
  let finishedAfterAbort = 0;
  let startedAfterAbort = 0;
  const s = await walk(
    g,
    async (_n, id) => {
      if (controller.signal.aborted) startedAfterAbort++;
      // Abort from inside a visit, as a Ctrl-C handler running between visits would.
      if (id === "n02") controller.abort();
      await tick();
      if (controller.signal.aborted) finishedAfterAbort++;
      return {};
    },
    { parallelism: 4, signal: controller.signal },
  );
  assert.equal(startedAfterAbort, 0);
  const counts: Record<string, number> = {};
  for (const o of s.outcomes.values()) counts[o.status] = (counts[o.status] ?? 0) + 1;
  // n00 and n02 were in flight when n02 aborted: both finish, the other 18 are cancelled.
  assert.deepEqual(counts, { ok: 2, cancelled: 18 });
  assert.equal(finishedAfterAbort, 2);
  assert.equal(s.ok, false);
});

test("walk: an already-aborted signal visits nothing", async () => {
  const g = parseGraphFixture("b -> a");
  const c = new AbortController();
  c.abort();
  let visits = 0;
  const s = await walk(g, () => (visits++, {}), { signal: c.signal });
  assert.equal(visits, 0);
  assert.deepEqual([...s.outcomes.values()].map((o) => o.status), ["cancelled", "cancelled"]);
});

test("walk: a cyclic graph is not walked and reports the cycle", async () => {
  const g = parseGraphFixture("a -> b\nb -> a\nc -> a");
  let visits = 0;
  const s = await walk(g, () => (visits++, {}));
  assert.equal(visits, 0);
  assert.equal(s.ok, false);
  assert.equal(s.diags.length, 1);
  assert.match(s.diags[0].summary, /^Cycle: /);
  assert.match(s.diags[0].detail!, /a, b/);
});

test("walk: rejects a parallelism below 1", () => {
  assert.throws(() => walk(new Graph<number>(), () => ({}), { parallelism: 0 }), /parallelism/);
});

test("buildGraph: runs transformers in order and validates cycles at the end", () => {
  const calls: string[] = [];
  const addNodes: GraphTransformer<string> = {
    name: "AddNodes",
    transform(g) {
      calls.push(this.name);
      for (const id of ["a", "b", "c"]) g.addNode(id, id.toUpperCase());
      return [];
    },
  };
  const connect: GraphTransformer<string> = {
    name: "Connect",
    transform(g) {
      calls.push(this.name);
      g.addDependency("a", "b");
      g.addDependency("b", "a");
      return [warningDiag("Odd", "just a warning")];
    },
  };
  const built = buildGraph([addNodes, connect], { describe: (_id, n) => ({ name: `node ${n}` }) });
  assert.deepEqual(calls, ["AddNodes", "Connect"]);
  // Terraform's summary names the members; a cycle has no source range of its own.
  assert.deepEqual(built.diags.map((d) => d.summary), ["Odd", "Cycle: node A, node B"]);
  assert.match(built.diags[1].detail!, /node A, node B/);
  assert.equal(built.diags[1].subject, undefined);
});

test("buildGraph: stops at the first transformer reporting an error", () => {
  const calls: string[] = [];
  const t = (name: string, diags: Diagnostic[]): GraphTransformer<number> => ({
    name,
    transform: () => (calls.push(name), diags),
  });
  const built = buildGraph([t("one", []), t("two", [errorDiag("Bad", "x")]), t("three", [])]);
  assert.deepEqual(calls, ["one", "two"]);
  assert.deepEqual(built.diags.map((d) => d.summary), ["Bad"]);
});
