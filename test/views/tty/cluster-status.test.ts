// The ink drawing of `cairn cluster status` from a ClusterStatusView: a row per node with its state, zone,
// cpu and memory bars, pods, taints under it, and the pending pods with the scheduler's reasons.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ClusterStatusView, NodeStatusView } from "../../../cluster/status.js";
import { renderClusterStatus } from "../../../cmd/views/tty/cluster-status.js";
import { count, plain } from "./fake-stdout.js";

const GiB = 1024 ** 3;

function node(name: string, over: Partial<NodeStatusView> = {}): NodeStatusView {
  return {
    name,
    zone: "a",
    ready: "True",
    unschedulable: false,
    failed: false,
    taints: [],
    cpu: { requestedMilli: 500, allocatableMilli: 2000 },
    memory: { requestedBytes: 1 * GiB, allocatableBytes: 4 * GiB },
    pods: { count: 1, allocatable: 110, names: [] },
    ...over,
  };
}

const reason = "0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {gpu: true}.";
const view: ClusterStatusView = {
  nodes: [
    node("n1"),
    node("gpu-1", { zone: "b", unschedulable: true, taints: ["gpu=true:NoSchedule"], cpu: { requestedMilli: 1900, allocatableMilli: 2000 }, pods: { count: 9, allocatable: 10, names: [] } }),
    node("n3", { zone: "b", ready: "Unknown", failed: true, cpu: { requestedMilli: 0, allocatableMilli: 4000 }, memory: { requestedBytes: 0, allocatableBytes: 8 * GiB }, pods: { count: 0, allocatable: 110, names: [] } }),
  ],
  pending: [{ namespace: "default", name: "web-7", reason }],
  totals: { nodes: 3, readyNodes: 2, pods: 11, runningPods: 10, pendingPods: 1 },
};

/** The line of a node's row (the first line starting with its name). */
function row(out: string, name: string): string {
  const l = out.split("\n").find((x) => x.startsWith(`${name} `));
  assert.ok(l, `no row for ${name} in\n${out}`);
  return l;
}

describe("cluster status (ink)", () => {
  it("draws a table with bars, pods per node, zone and state on a wide terminal", () => {
    const out = plain(renderClusterStatus(view, 120));
    assert.match(out, /^Nodes 2\/3 ready {3}Pods 10 running, 1 pending\n\nNODE +STATUS +ZONE +CPU +MEMORY +PODS\n/);
    // 120 columns leave room for the widest bars: 20 cells each.
    assert.match(row(out, "n1"), /^n1 +Ready +a +█{5}░{15} {2}25% 500m\/2 +█{5}░{15} {2}25% 1Gi\/4Gi +1\/110$/);
    assert.match(row(out, "gpu-1"), /^gpu-1 +Ready,Unschedulable +b +█{19}░ {2}95% 1900m\/2 +█{5}░{15} {2}25% 1Gi\/4Gi +9\/10$/);
    assert.match(row(out, "n3"), /^n3 +Failed +b +░{20} {3}0% 0\/4 +░{20} {3}0% 0\/8Gi +0\/110$/);
    assert.match(out, /\n {7}taints: gpu=true:NoSchedule\n/);
    assert.ok(out.indexOf("taints:") > out.indexOf("gpu-1") && out.indexOf("taints:") < out.indexOf("n3 "), "taints sit under their node");
  });

  it("lists pending pods with the scheduler's reason", () => {
    const out = plain(renderClusterStatus(view, 200));
    assert.match(out, /\nPending pods \(1\)\n {2}default\/web-7: 0\/3 nodes are available: 2 Insufficient cpu, 1 node\(s\) had untolerated taint \{gpu: true\}\.\n$/);
  });

  it("moves the bars under each node on a narrow terminal instead of wrapping rows", () => {
    const out = plain(renderClusterStatus(view, 72));
    assert.match(out, /\nNODE +STATUS +ZONE +PODS\n/);
    assert.match(row(out, "n1"), /^n1 +Ready +a +1\/110$/);
    assert.match(out, /\nn1 +Ready +a +1\/110\n +cpu █+░+ +25% 500m\/2 +mem █+░+ +25% 1Gi\/4Gi\n/);
    for (const l of out.split("\n")) assert.ok(l.length <= 72, `line wider than the terminal: ${l}`);
    // The long reason wraps instead of running off the screen.
    assert.ok(out.includes("default/web-7: 0/3 nodes are available"));
  });

  it("says so when there are no nodes and leaves the pending section out when nothing is pending", () => {
    const out = plain(renderClusterStatus({ nodes: [], pending: [], totals: { nodes: 0, readyNodes: 0, pods: 0, runningPods: 0, pendingPods: 0 } }, 80));
    assert.match(out, /No nodes\./);
    assert.equal(count(out, "Pending"), 0);
  });
});
