// Provider acceptance on an embedded core: create -> read -> no-op plan, drift, import, update, destroy,
// rollout failures with the scheduler's message, the plan-time placement check, client-token lookup.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect, type Connection, failNode } from "../../../cluster/index.js";
import type { Node } from "../../../cluster/objects/index.js";
import type { Value } from "../../../lang/values/value.js";
import { Harness, attr, eventually, messages, tempDir } from "./support.js";

const zoneNode = (name: string, zone: string, cpu = "4") => ({ name, cpu, memory: "8Gi", zone });

describe("cluster provider (embedded)", () => {
  const tmp = tempDir();
  let h: Harness;
  let other: Connection; // a second connection to the same data directory: "changes made outside Cairn"
  const nodes = new Map<string, Value>();

  before(async () => {
    h = await Harness.open({}, { cwd: tmp.dir });
    for (const [name, zone] of [["n1", "a"], ["n2", "a"], ["n3", "b"]] as const) nodes.set(name, await h.converge("cluster_node", zoneNode(name, zone)));
    other = connect({ mode: "embedded", dataDir: `${tmp.dir}/.cairn/cluster` });
  });
  after(async () => {
    await h.close();
    await other.client.close();
    tmp.remove();
  });

  it("creates nodes in the default data directory, reads them back unchanged, and plans no change", async () => {
    const n1 = nodes.get("n1")!;
    assert.equal(attr(n1, "id"), "n1");
    assert.equal(attr(n1, "status"), "Ready");
    assert.equal(attr(n1, "pods"), "110");
    const read = await h.read("cluster_node", n1);
    assert.deepEqual(attr(read, "cpu"), "4");
    await h.assertNoOp("cluster_node", read, zoneNode("n1", "a"));
    const got = await other.client.get<Node>("Node", "n1");
    assert.equal(got.metadata.labels?.["topology.kubernetes.io/zone"], "a");
  });

  it("shows a change made outside Cairn as drift, and plans it back", async () => {
    await other.client.patch("Node", "n2", { metadata: { labels: { team: "infra" } } });
    let read: Value = nodes.get("n2")!;
    await eventually(async () => {
      read = await h.read("cluster_node", nodes.get("n2")!);
      return JSON.stringify(attr(read, "labels")) === JSON.stringify({ team: "infra" });
    });
    const p = await h.plan("cluster_node", read, h.config("cluster_node", zoneNode("n2", "a")));
    assert.equal(attr(p.plannedState, "labels"), null, "the plan removes the label again");
    const a = await h.apply("cluster_node", read, p.plannedState, h.config("cluster_node", zoneNode("n2", "a")));
    assert.deepEqual(messages(a.diagnostics), []);
    assert.equal(attr(a.newState, "labels"), null);
    await h.assertNoOp("cluster_node", a.newState, zoneNode("n2", "a"));
  });

  it("imports a node by id", async () => {
    const r = await h.provider.importResourceState({ typeName: "cluster_node", id: "n3" });
    assert.deepEqual(messages(r.diagnostics), []);
    const state = await h.read("cluster_node", r.imported[0]!.state);
    assert.equal(attr(state, "zone"), "b");
    await h.assertNoOp("cluster_node", state, zoneNode("n3", "b"));
    const missing = await h.provider.importResourceState({ typeName: "cluster_node", id: "nope" });
    assert.match(messages(missing.diagnostics)[0]!, /Cannot import non-existent remote object/);
    const bad = await h.provider.importResourceState({ typeName: "cluster_workload", id: "web" });
    assert.match(messages(bad.diagnostics)[0]!, /NAMESPACE\/KIND\/NAME/);
  });

  const web = { kind: "deployment", name: "web", image: "nginx:1.27", replicas: 6, cpu_request: "250m", memory_request: "256Mi", topology_spread: [{}], timeouts: { create: "20s" } };

  it("applies a deployment: every replica placed and Running, spread over zones, then a no-op plan", async () => {
    const state = await h.converge("cluster_workload", web);
    const placements = attr(state, "placements") as { node: string; zone: string; phase: string }[];
    assert.equal(placements.length, 6);
    assert.ok(placements.every((p) => p.phase === "Running" && p.node !== ""));
    const perZone = new Map<string, number>();
    for (const p of placements) perZone.set(p.zone, (perZone.get(p.zone) ?? 0) + 1);
    assert.deepEqual([...perZone.entries()].sort(), [["a", 3], ["b", 3]]);
    assert.deepEqual(attr(state, "status"), { desired: 6, ready: 6, updated: 6, pending: 0 });
    assert.equal(attr(state, "id"), "default/deployment/web");
    await h.assertNoOp("cluster_workload", await h.read("cluster_workload", state), web);

    // Update in place: placements and status are recomputed.
    const smaller = { ...web, replicas: 3 };
    const p = await h.plan("cluster_workload", state, h.config("cluster_workload", smaller));
    assert.equal(attr(p.plannedState, "placements"), undefined, "placements are known after apply");
    const a = await h.apply("cluster_workload", state, p.plannedState, h.config("cluster_workload", smaller));
    assert.deepEqual(messages(a.diagnostics), []);
    assert.equal((attr(a.newState, "placements") as unknown[]).length, 3);

    // kind forces replacement (the schema says so; the planner turns it into -/+).
    const schemaKind = h.schema("cluster_workload").block.attributes!.kind!;
    assert.equal(schemaKind.forcesReplacement, true);

    // The client token of the create finds the object after a crash.
    const created = await h.apply("cluster_workload", h.none("cluster_workload"), (await h.plan("cluster_workload", h.none("cluster_workload"), h.config("cluster_workload", { ...web, name: "adopt", replicas: 1 }))).plannedState, h.config("cluster_workload", { ...web, name: "adopt", replicas: 1 }), "crash-token");
    assert.deepEqual(messages(created.diagnostics), []);
    const found = await h.provider.lookupByClientToken({ typeName: "cluster_workload", clientToken: "crash-token" });
    assert.equal(attr(found.found!.state, "name"), "adopt");
    const none = await h.provider.lookupByClientToken({ typeName: "cluster_workload", clientToken: "never-used" });
    assert.equal(none.found, undefined);

    await h.destroy("cluster_workload", a.newState);
    await h.destroy("cluster_workload", found.found!.state);
    assert.ok((await h.read("cluster_workload", a.newState)).isNull(), "a destroyed workload reads as gone");
  });

  it("rejects at plan time a workload the scheduler cannot place, with the scheduler's message", async () => {
    const huge = { kind: "deployment", name: "huge", image: "x", replicas: 2, cpu_request: "6" };
    const p = await h.plan("cluster_workload", h.none("cluster_workload"), h.config("cluster_workload", huge));
    const m = messages(p.diagnostics);
    assert.equal(m.length, 1);
    assert.match(m[0]!, /^Workload cannot be placed: 2 of 2 replicas of cluster_workload "default\/huge"/);
    assert.match(m[0]!, /0\/3 nodes are available: 3 Insufficient cpu\./);
  });

  it("counts nodes planned earlier in the same plan, and nodes the plan deletes", async () => {
    const fresh = await Harness.open({}, { cwd: tmp.dir });
    try {
      const big = { kind: "deployment", name: "big", image: "x", replicas: 1, cpu_request: "12" };
      const without = await fresh.plan("cluster_workload", fresh.none("cluster_workload"), fresh.config("cluster_workload", big));
      assert.match(messages(without.diagnostics)[0] ?? "", /Insufficient cpu[\s\S]*depends_on/);
      await fresh.plan("cluster_node", fresh.none("cluster_node"), fresh.config("cluster_node", zoneNode("n9", "b", "16")));
      const withNode = await fresh.plan("cluster_workload", fresh.none("cluster_workload"), fresh.config("cluster_workload", big));
      assert.deepEqual(messages(withNode.diagnostics), []);
      // Deleting n1..n3 leaves only the planned n9: three one-per-node replicas no longer fit.
      for (const n of ["n1", "n2"]) await fresh.plan("cluster_node", await fresh.read("cluster_node", nodes.get(n)!), null);
      const spread = { kind: "deployment", name: "spread", image: "x", replicas: 3, anti_affinity_hostname: true };
      const r = await fresh.plan("cluster_workload", fresh.none("cluster_workload"), fresh.config("cluster_workload", spread));
      assert.match(messages(r.diagnostics)[0] ?? "", /1 of 3 replicas[\s\S]*0\/2 nodes are available: 2 node\(s\) didn't match pod anti-affinity rules\./);
    } finally {
      await fresh.close();
    }
  });

  it("fails apply with the scheduler's reasons when replicas cannot be placed", async () => {
    const one = { kind: "deployment", name: "one-per-node", image: "x", replicas: 3, anti_affinity_hostname: true, timeouts: { create: "20s" } };
    const cfg = h.config("cluster_workload", one);
    const p = await h.plan("cluster_workload", h.none("cluster_workload"), cfg);
    assert.deepEqual(messages(p.diagnostics), []);
    // Between plan and apply, a node fails outside Cairn.
    await failNode(other.client, "n3");
    try {
      const a = await h.apply("cluster_workload", h.none("cluster_workload"), p.plannedState, cfg);
      const m = messages(a.diagnostics);
      assert.equal(m.length, 1);
      assert.match(m[0]!, /^Workload replicas cannot be placed: cluster_workload "default\/one-per-node" \(deployment\): 2\/3 replicas placed and Running\./);
      assert.match(m[0]!, /0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/unreachable: \}, 2 node\(s\) didn't match pod anti-affinity rules\./);
      assert.ok(!a.newState.isNull(), "the object exists: its state is returned so the planner can taint it");
      await h.destroy("cluster_workload", a.newState);
    } finally {
      await other.client.patch("Node", "n3", { metadata: { annotations: { "cairn.dev/simulated-failure": null } } });
    }
  });
});
