// `cairn graph`: DOT with module clusters, colouring by a plan's actions, and rendering through Graphviz
// (skipped with a reason when `dot` is absent) or a diagnostic saying how to install it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { clusterName, graphToDot, modulePrefix } from "../../cmd/views/graph/dot.js";
import { renderGraph } from "../../cmd/views/graph/render.js";
import { Graph } from "../../planner/graph/graph.js";
import { CoreContext } from "../../planner/core/index.js";
import { factories } from "../core/support/harness.js";
import { TestThingCloud } from "../providers/support/test-thing-cloud.js";
import { assertGolden } from "./support/golden.js";
import { goldenDir, planScenario } from "./support/scenario-plans.js";

function moduleGraph(): Graph<string> {
  const g = new Graph<string>();
  for (const id of ["var.region", "cluster_namespace.app", "module.net.cluster_service.web", "module.net.module.dns.cluster_config.zone", 'module.db["a"].cluster_volume.data']) g.addNode(id, id);
  g.addDependency("module.net.cluster_service.web", "cluster_namespace.app");
  g.addDependency("module.net.module.dns.cluster_config.zone", "module.net.cluster_service.web");
  g.addDependency('module.db["a"].cluster_volume.data', "var.region");
  return g;
}

test("graph: module prefixes and cluster names", () => {
  assert.equal(modulePrefix("module.net.module.dns.cluster_config.zone"), "module.net.module.dns");
  assert.equal(modulePrefix('module.db["a"].cluster_volume.data'), 'module.db["a"]');
  assert.equal(modulePrefix("cluster_namespace.app"), "");
  assert.equal(clusterName("module.net"), "cluster_module_net");
  assert.equal(clusterName('module.db["a"]'), "cluster_module_db_a");
});

test("graph: DOT with a cluster per module", () => {
  const dot = graphToDot(moduleGraph());
  assert.match(dot, /subgraph "cluster_module_net" \{/);
  assert.match(dot, /subgraph "cluster_module_net_module_dns" \{/);
  assertGolden(join(goldenDir, "graph", "modules.dot"), dot);
});

test("graph: -plan colours nodes by the planned action", async () => {
  const s = (await planScenario("replace-tainted"));
  const core = new CoreContext({ module: s.config, providers: factories(new TestThingCloud(), []), variables: new Map(), cwd: s.dir, cairnVersion: "0.0.0-test" });
  try {
    const g = await core.graph(s.prior);
    assert.ok(g.graph, JSON.stringify(g.diags));
    const dot = graphToDot(g.graph, { plan: s.plan });
    assert.match(dot, /"test_thing\.a[^"]*" \[label = "test_thing\.a[^"]*", shape = "box", style = "filled", fillcolor = "#f4b6c2"\]/);
    assert.match(dot, /subgraph "cluster_legend"/);
    assertGolden(join(goldenDir, "graph", "replace-tainted-plan.dot"), dot);
  } finally {
    await core.close();
  }
});

const haveDot = spawnSync("dot", ["-V"]).error === undefined;

test("graph: -format=svg renders through Graphviz", { skip: haveDot ? false : "Graphviz's dot is not installed here (apt-get install graphviz)" }, async () => {
  const r = await renderGraph(graphToDot(moduleGraph()), "svg");
  assert.deepEqual(r.diags, []);
  const svg = r.output!.toString("utf8");
  assert.match(svg, /<svg/);
  assert.match(svg, /module\.net/);
  const png = await renderGraph(graphToDot(moduleGraph()), "png");
  assert.deepEqual([...png.output!.subarray(1, 4)], [...Buffer.from("PNG")]);
});

test("graph: a missing Graphviz is a diagnostic that says how to install it", async () => {
  const r = await renderGraph(graphToDot(moduleGraph()), "svg", { dotBinary: "/nonexistent/graphviz/dot" });
  assert.equal(r.output, undefined);
  assert.equal(r.diags[0]!.summary, "Graphviz is not installed");
  assert.match(r.diags[0]!.detail!, /apt-get install graphviz/);
  assert.match(r.diags[0]!.detail!, /brew install graphviz/);
});

test("graph: -format=dot needs no Graphviz", async () => {
  const r = await renderGraph("digraph {}\n", "dot", { dotBinary: "/nonexistent/dot" });
  assert.equal(r.output!.toString(), "digraph {}\n");
});
