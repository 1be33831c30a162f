// Golden tests over the fixture directories in test/graph/fixtures: for each graph, its topological order,
// its cycles, the validation diagnostics, the edges left by transitive reduction and the DOT output are
// rendered into one text and compared with expected.txt. Set UPDATE_GOLDEN=1 to rewrite the files (then
// review the diff: a golden file is only as good as the human who read it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { readGraphFixture } from "./graph-fixture.js";
import { findCycles, toDot, topologicalOrder, transitiveReduction, validateGraph } from "../../planner/graph/index.js";
import { formatRange } from "../../lang/pos.js";

const root = new URL("../../../test/graph/fixtures/", import.meta.url);

for (const name of readdirSync(root).sort()) {
  test(`graph fixture ${name}`, () => {
    const dir = new URL(`${name}/`, root);
    const g = readGraphFixture(new URL("graph.txt", dir).pathname);
    const out: string[] = [];
    const topo = topologicalOrder(g);
    out.push(`== order (${topo.complete ? "complete" : "incomplete"})`, ...topo.order);
    out.push("== cycles", ...findCycles(g).map((c) => c.join(", ")));
    out.push("== diagnostics");
    for (const d of validateGraph(g)) {
      out.push(`${d.severity}: ${d.summary}: ${d.detail}`);
      out.push(`  subject: ${d.subject ? formatRange(d.subject) : "-"}; address: ${d.address ?? "-"}`);
    }
    if (topo.complete) {
      const reduced = g.clone();
      const removed = transitiveReduction(reduced);
      out.push(`== reduced (${removed} removed)`);
      out.push(...reduced.edges().map((e) => `${e.dependent} -> ${e.dependency}`).sort());
    }
    out.push("== dot", toDot(g));
    const actual = out.join("\n");
    const golden = new URL("expected.txt", dir);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) writeFileSync(golden, actual);
    assert.equal(actual, readFileSync(golden, "utf8"));
  });
}
