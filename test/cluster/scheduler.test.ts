import { test } from "node:test";
import assert from "node:assert/strict";
import {
  SchedulerCache, Scheduler, makePodInfo, CycleState, simulate, fitErrorMessage, numFeasibleNodesToFind,
  type FilterPlugin, type ScorePlugin, type VolumeLister,
} from "../../cluster/scheduler/index.js";
import { nodeUnschedulable } from "../../cluster/scheduler/plugins/node-unschedulable.js";
import { taintTolerationFilter, taintTolerationScore } from "../../cluster/scheduler/plugins/taint-toleration.js";
import { nodeAffinity } from "../../cluster/scheduler/plugins/node-affinity.js";
import { nodeResourcesFitFilter, nodeResourcesFitScore, balancedAllocationScore } from "../../cluster/scheduler/plugins/node-resources-fit.js";
import { volumeBinding } from "../../cluster/scheduler/plugins/volume-binding.js";
import { podTopologySpreadFilter, podTopologySpreadScore } from "../../cluster/scheduler/plugins/pod-topology-spread.js";
import { interPodAffinity } from "../../cluster/scheduler/plugins/inter-pod-affinity.js";
import type { Node, Pod, PersistentVolume, PersistentVolumeClaim } from "../../cluster/objects/index.js";
import { node, pod } from "./helpers/fixtures.js";

interface FilterCase {
  name: string;
  nodes: Node[];
  existing?: Pod[];
  pod: Pod;
  /** Expected reasons per node name (undefined = passes). */
  want: Record<string, readonly string[] | undefined>;
}

function runFilterTable(plugin: FilterPlugin, cases: FilterCase[]): void {
  for (const c of cases) {
    const cache = new SchedulerCache();
    for (const n of c.nodes) cache.setNode(n);
    for (const p of c.existing ?? []) cache.addPod(makePodInfo(p), p.spec.nodeName!);
    const state = new CycleState(makePodInfo(c.pod), cache);
    const pre = plugin.preFilter?.(state);
    assert.equal(pre, undefined, `${plugin.name}/${c.name}: unexpected PreFilter failure ${pre}`);
    for (const [nodeName, want] of Object.entries(c.want)) {
      const got = plugin.filter(state, cache.node(nodeName)!);
      assert.deepEqual(got === undefined ? undefined : [...got], want === undefined ? undefined : [...want], `${plugin.name}/${c.name} on ${nodeName}`);
    }
  }
}


test("Filter NodeUnschedulable", () => {
  runFilterTable(nodeUnschedulable, [
    { name: "cordoned", nodes: [node("n1", { unschedulable: true }), node("n2")], pod: pod("p"), want: { n1: ["node(s) were unschedulable"], n2: undefined } },
    {
      name: "tolerates unschedulable taint",
      nodes: [node("n1", { unschedulable: true })],
      pod: pod("p", { tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }] }),
      want: { n1: undefined },
    },
  ]);
});

test("Filter TaintToleration", () => {
  const gpu = node("gpu", { taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] });
  const soft = node("soft", { taints: [{ key: "spot", value: "yes", effect: "PreferNoSchedule" }] });
  const bare = node("unreach", { taints: [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }] });
  runFilterTable(taintTolerationFilter, [
    { name: "untolerated", nodes: [gpu, soft, bare], pod: pod("p"), want: { gpu: ["node(s) had untolerated taint {gpu: true}"], soft: undefined, unreach: ["node(s) had untolerated taint {node.kubernetes.io/unreachable: }"] } },
    { name: "Equal toleration", nodes: [gpu], pod: pod("p", { tolerations: [{ key: "gpu", operator: "Equal", value: "true", effect: "NoSchedule" }] }), want: { gpu: undefined } },
    { name: "wrong value", nodes: [gpu], pod: pod("p", { tolerations: [{ key: "gpu", operator: "Equal", value: "false" }] }), want: { gpu: ["node(s) had untolerated taint {gpu: true}"] } },
    { name: "Exists all", nodes: [gpu, bare], pod: pod("p", { tolerations: [{ operator: "Exists" }] }), want: { gpu: undefined, unreach: undefined } },
  ]);
});

test("Filter NodeAffinity (nodeSelector and required terms)", () => {
  const nodes = [node("a1", { zone: "a", labels: { disk: "ssd", gen: "5" } }), node("b1", { zone: "b", labels: { gen: "3" } })];
  const miss = ["node(s) didn't match Pod's node affinity/selector"];
  const terms = (op: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt", key: string, values?: string[]) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: op, values }] }] } } },
  });
  runFilterTable(nodeAffinity, [
    { name: "nodeSelector", nodes, pod: pod("p", { nodeSelector: { disk: "ssd" } }), want: { a1: undefined, b1: miss } },
    { name: "In zone", nodes, pod: pod("p", terms("In", "topology.kubernetes.io/zone", ["b"])), want: { a1: miss, b1: undefined } },
    { name: "NotIn", nodes, pod: pod("p", terms("NotIn", "topology.kubernetes.io/zone", ["b"])), want: { a1: undefined, b1: miss } },
    { name: "Exists", nodes, pod: pod("p", terms("Exists", "disk")), want: { a1: undefined, b1: miss } },
    { name: "DoesNotExist", nodes, pod: pod("p", terms("DoesNotExist", "disk")), want: { a1: miss, b1: undefined } },
    { name: "Gt", nodes, pod: pod("p", terms("Gt", "gen", ["4"])), want: { a1: undefined, b1: miss } },
    { name: "no constraints", nodes, pod: pod("p"), want: { a1: undefined, b1: undefined } },
  ]);
});

test("Filter NodeResourcesFit", () => {
  const n = node("n", { cpu: "2", memory: "4Gi", pods: "2", eph: "10Gi" });
  const existing = [pod("e1", { cpu: "1500m", memory: "1Gi", nodeName: "n" })];
  runFilterTable(nodeResourcesFitFilter, [
    { name: "fits", nodes: [n], existing, pod: pod("p", { cpu: "500m", memory: "3Gi" }), want: { n: undefined } },
    { name: "cpu", nodes: [n], existing, pod: pod("p", { cpu: "501m" }), want: { n: ["Insufficient cpu"] } },
    { name: "cpu and memory", nodes: [n], existing, pod: pod("p", { cpu: "1", memory: "3.5Gi" }), want: { n: ["Insufficient cpu", "Insufficient memory"] } },
    { name: "ephemeral", nodes: [n], pod: pod("p", { eph: "11Gi" }), want: { n: ["Insufficient ephemeral-storage"] } },
    { name: "pods", nodes: [n], existing: [pod("e1", { nodeName: "n" }), pod("e2", { nodeName: "n" })], pod: pod("p"), want: { n: ["Too many pods"] } },
  ]);
});

test("Filter VolumeBinding", () => {
  const pv = (name: string, zone: string): PersistentVolume => ({
    apiVersion: "v1", kind: "PersistentVolume", metadata: { name },
    spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: [zone] }] }] } } },
  });
  const pvc = (name: string, volumeName?: string, storageClassName?: string): PersistentVolumeClaim => ({
    apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: "default" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, volumeName, storageClassName },
  });
  const claims = [pvc("bound-a", "pv-a"), pvc("unbound"), pvc("dynamic", undefined, "standard")];
  const lister: VolumeLister = {
    claim: (_ns, n) => claims.find((c) => c.metadata.name === n),
    volume: (n) => (n === "pv-a" ? pv("pv-a", "a") : undefined),
  };
  const plugin = volumeBinding(lister);
  const withClaim = (claim: string) => pod("p", { volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim } }] });
  runFilterTable(plugin, [
    { name: "zone affinity", nodes: [node("a1", { zone: "a" }), node("b1", { zone: "b" })], pod: withClaim("bound-a"), want: { a1: undefined, b1: ["node(s) had volume node affinity conflict"] } },
    { name: "dynamic provisioning waits for the pod", nodes: [node("a1", { zone: "a" })], pod: withClaim("dynamic"), want: { a1: undefined } },
  ]);
  const cache = new SchedulerCache();
  cache.setNode(node("a1", { zone: "a" }));
  const prefilterCases: [string, string][] = [
    ["unbound", "pod has unbound immediate PersistentVolumeClaims"],
    ["missing", 'persistentvolumeclaim "missing" not found'],
  ];
  for (const [claim, want] of prefilterCases) {
    assert.equal(plugin.preFilter!(new CycleState(makePodInfo(withClaim(claim)), cache)), want);
  }
  const s = new Scheduler(cache, lister);
  assert.equal(s.schedule(withClaim("unbound")).message, "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.");
});

test("Filter InterPodAffinity (required anti-affinity by hostname)", () => {
  const anti = {
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: "kubernetes.io/hostname" }] } },
  };
  const nodes = [node("n1"), node("n2"), node("n3", { zone: "a" })];
  runFilterTable(interPodAffinity, [
    {
      name: "own term",
      nodes,
      existing: [pod("db-0", { labels: { app: "db" }, nodeName: "n1" }), pod("web", { labels: { app: "web" }, nodeName: "n2" })],
      pod: pod("db-1", { labels: { app: "db" }, ...anti }),
      want: { n1: ["node(s) didn't match pod anti-affinity rules"], n2: undefined, n3: undefined },
    },
    {
      name: "existing pod's term",
      nodes,
      existing: [pod("db-0", { labels: { app: "db" }, nodeName: "n1", ...anti })],
      pod: pod("plain-db", { labels: { app: "db" } }),
      want: { n1: ["node(s) didn't satisfy existing pods anti-affinity rules"], n2: undefined },
    },
    {
      name: "other namespace does not count",
      nodes,
      existing: [pod("db-0", { labels: { app: "db" }, nodeName: "n1", ns: "other" })],
      pod: pod("db-1", { labels: { app: "db" }, ...anti }),
      want: { n1: undefined },
    },
  ]);
});

test("Filter PodTopologySpread (DoNotSchedule)", () => {
  const spread = (maxSkew: number) => ({
    labels: { app: "web" },
    topologySpreadConstraints: [{ maxSkew, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" as const, labelSelector: { matchLabels: { app: "web" } } }],
  });
  const nodes = [node("a1", { zone: "a" }), node("a2", { zone: "a" }), node("b1", { zone: "b" }), node("nozone")];
  const existing = [pod("w1", { labels: { app: "web" }, nodeName: "a1" }), pod("w2", { labels: { app: "web" }, nodeName: "a2" })];
  runFilterTable(podTopologySpreadFilter, [
    {
      name: "skew 1",
      nodes, existing, pod: pod("w3", spread(1)),
      want: { a1: ["node(s) didn't match pod topology spread constraints"], a2: ["node(s) didn't match pod topology spread constraints"], b1: undefined, nozone: ["node(s) didn't match pod topology spread constraints (missing required label)"] },
    },
    { name: "skew 2", nodes, existing, pod: pod("w3", spread(2)), want: { a1: ["node(s) didn't match pod topology spread constraints"], b1: undefined } },
    { name: "skew 3", nodes, existing, pod: pod("w3", spread(3)), want: { a1: undefined, b1: undefined } },
  ]);
});

interface ScoreCase {
  name: string;
  nodes: Node[];
  existing?: Pod[];
  pod: Pod;
  /** Expected normalised score per node, in node order. */
  want: number[];
}

function runScoreTable(plugin: ScorePlugin, cases: ScoreCase[]): void {
  for (const c of cases) {
    const cache = new SchedulerCache();
    for (const n of c.nodes) cache.setNode(n);
    for (const p of c.existing ?? []) cache.addPod(makePodInfo(p), p.spec.nodeName!);
    const state = new CycleState(makePodInfo(c.pod), cache);
    const infos = c.nodes.map((n) => cache.node(n.metadata.name)!);
    assert.notEqual(plugin.preScore?.(state, infos), false, `${plugin.name}/${c.name}: skipped`);
    const scores = infos.map((n) => plugin.score(state, n));
    plugin.normalize?.(state, scores, infos);
    assert.deepEqual(scores, c.want, `${plugin.name}/${c.name}`);
  }
}

test("Score NodeResourcesFit LeastAllocated and BalancedAllocation", () => {
  const nodes = [node("n1", { cpu: "4", memory: "8Gi" }), node("n2", { cpu: "4", memory: "8Gi" })];
  const existing = [pod("e", { cpu: "2", memory: "2Gi", nodeName: "n1" })];
  // n1: cpu (4-3)/4 = 25, mem (8-3)/8 = 62.5 -> 62; mean 43. n2: cpu 75, mem 87.5->87; mean 81.
  runScoreTable(nodeResourcesFitScore, [{ name: "least allocated", nodes, existing, pod: pod("p", { cpu: "1", memory: "1Gi" }), want: [43, 81] }]);
  // n1: fractions 0.75 / 0.375 -> std 0.1875 -> 81. n2: 0.25 / 0.125 -> std 0.0625 -> 93.
  runScoreTable(balancedAllocationScore, [{ name: "balanced", nodes, existing, pod: pod("p", { cpu: "1", memory: "1Gi" }), want: [81, 93] }]);
  // A pod requesting nothing is scored with Kubernetes' non-zero defaults (100m, 200Mi).
  runScoreTable(nodeResourcesFitScore, [{ name: "defaults", nodes: [node("n", { cpu: "1", memory: "1Gi" })], pod: pod("p"), want: [Math.trunc((90 + 80) / 2)] }]);
});

test("Score TaintToleration PreferNoSchedule (reversed)", () => {
  const nodes = [
    node("clean"),
    node("one", { taints: [{ key: "spot", value: "1", effect: "PreferNoSchedule" }] }),
    node("two", { taints: [{ key: "spot", value: "1", effect: "PreferNoSchedule" }, { key: "old", effect: "PreferNoSchedule" }] }),
  ];
  runScoreTable(taintTolerationScore, [
    { name: "counts", nodes, pod: pod("p"), want: [100, 50, 0] },
    { name: "tolerated", nodes, pod: pod("p", { tolerations: [{ operator: "Exists" }] }), want: [100, 100, 100] },
  ]);
});

test("Score PodTopologySpread ScheduleAnyway", () => {
  const nodes = [node("a1", { zone: "a" }), node("b1", { zone: "b" }), node("c1", { zone: "c" })];
  const existing = [
    pod("w1", { labels: { app: "web" }, nodeName: "a1" }),
    pod("w2", { labels: { app: "web" }, nodeName: "a1" }),
    pod("w3", { labels: { app: "web" }, nodeName: "b1" }),
  ];
  const p = pod("w4", {
    labels: { app: "web" },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "web" } } }],
  });
  // raw: count * ln(3+2) -> a: 2*1.609=3, b: 2 (1.609 rounded), c: 0; normalised 100*(max+min-s)/max.
  runScoreTable(podTopologySpreadScore, [{ name: "zones", nodes, existing, pod: p, want: [0, 33, 100] }]);
});

test("aggregated unschedulable message is Kubernetes' FitError text", () => {
  const cache = new SchedulerCache();
  cache.setNode(node("n1", { cpu: "1" }));
  cache.setNode(node("n2", { cpu: "1" }));
  cache.setNode(node("gpu", { cpu: "8", taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] }));
  const r = new Scheduler(cache).schedule(pod("big", { cpu: "2" }));
  assert.equal(r.node, undefined);
  assert.equal(r.message, "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 Insufficient cpu.");
  assert.equal(fitErrorMessage(12, new Map([["Insufficient cpu", 2], ["Insufficient memory", 10]])),
    "0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.");
  assert.equal(new Scheduler(new SchedulerCache()).schedule(pod("p")).message, "no nodes available to schedule pods");
});

test("numFeasibleNodesToFind follows Kubernetes' adaptive percentage", () => {
  const cases: [number, number][] = [[50, 50], [100, 100], [500, 230], [1000, 420], [5000, 500], [6000, 300], [100000, 5000]];
  for (const [n, want] of cases) assert.equal(numFeasibleNodesToFind(n), want, String(n));
});

test("simulate spreads a deployment across zones, honours anti-affinity, and reports what does not fit", () => {
  const nodes = [node("a1", { zone: "a" }), node("a2", { zone: "a" }), node("b1", { zone: "b" })];
  const web = Array.from({ length: 6 }, (_, i) =>
    pod(`web-${i}`, {
      cpu: "500m",
      labels: { app: "web" },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "web" } } }],
    }),
  );
  const r = simulate(nodes, [], web);
  const perZone: Record<string, number> = { a: 0, b: 0 };
  for (const p of r.placements) perZone[p.node!.startsWith("a") ? "a" : "b"]!++;
  assert.deepEqual(perZone, { a: 3, b: 3 });
  assert.equal(r.unschedulable.length, 0);

  const anti = (name: string) => pod(name, {
    labels: { app: "db" },
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: "kubernetes.io/hostname" }] } },
  });
  const r2 = simulate(nodes, [], [anti("db-0"), anti("db-1"), anti("db-2"), anti("db-3")]);
  assert.equal(new Set(r2.placements.filter((p) => p.node).map((p) => p.node)).size, 3);
  assert.deepEqual(r2.unschedulable.map((p) => p.reason), ["0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules."]);
});

test("the cache updates allocations incrementally (remove frees, move re-accounts)", () => {
  const cache = new SchedulerCache();
  cache.setNode(node("n1", { cpu: "1" }));
  cache.setNode(node("n2", { cpu: "1" }));
  const s = new Scheduler(cache);
  const a = makePodInfo(pod("a", { cpu: "800m" }));
  const first = s.schedule(a).node!;
  cache.addPod(a, first);
  const b = makePodInfo(pod("b", { cpu: "800m" }));
  const second = s.schedule(b).node!;
  assert.notEqual(first, second);
  cache.addPod(b, second);
  assert.match(s.schedule(pod("c", { cpu: "800m" })).message!, /2 Insufficient cpu/);
  cache.removePod(a.key);
  assert.equal(s.schedule(pod("c", { cpu: "800m" })).node, first);
  assert.equal(cache.node(first)!.reqMilliCpu, 0);
});

test("plan-time check: expandWorkload + simulate report a workload that cannot be fully placed", async () => {
  const { expandWorkload } = await import("../../cluster/controllers/index.js");
  const nodes = [node("a1", { zone: "a", cpu: "2" }), node("b1", { zone: "b", cpu: "2" }), node("gpu", { zone: "a", taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] })];
  const web = {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" },
    spec: { replicas: 5, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "1" } } }] } } },
  };
  const pods = expandWorkload(web as never, nodes);
  assert.equal(pods.length, 5);
  const r = simulate(nodes, [], pods);
  assert.equal(r.placements.filter((p) => p.node).length, 4);
  assert.deepEqual(r.unschedulable.map((p) => p.reason), ["0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 Insufficient cpu."]);
  const ds = { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent" }, spec: { selector: { matchLabels: { a: "x" } }, template: { metadata: { labels: { a: "x" } }, spec: { containers: [{ name: "c", image: "agent" }] } } } };
  const dsPods = expandWorkload(ds as never, nodes);
  assert.equal(dsPods.length, 2, "not on the tainted node");
  const placed = simulate(nodes, [], dsPods).placements.map((p) => p.node).sort();
  assert.deepEqual(placed, ["a1", "b1"]);
});
