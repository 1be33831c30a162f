// Scheduler tables for the promises Kubernetes makes about requests, node affinity (required Gt/Lt and
// preferred), inter-pod affinity and anti-affinity (required and preferred) and the default plugin weights.
// Expected placements, scores and messages are kube-scheduler's for the same cluster.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  SchedulerCache, Scheduler, makePodInfo, CycleState, defaultProfile, NO_VOLUMES, type FilterPlugin, type ScorePlugin,
} from "../../cluster/scheduler/index.js";
import { parseInt64 } from "../../cluster/scheduler/match.js";
import { nodeAffinity, nodeAffinityScore } from "../../cluster/scheduler/plugins/node-affinity.js";
import { nodeResourcesFitFilter } from "../../cluster/scheduler/plugins/node-resources-fit.js";
import { interPodAffinity, interPodAffinityScore } from "../../cluster/scheduler/plugins/inter-pod-affinity.js";
import {
  defaultSpec, validateObject, formatFieldError,
  type KubeObject, type Node, type Pod, type PodAffinityTerm, type ResourceList,
} from "../../cluster/objects/index.js";
import { node, pod } from "./helpers/fixtures.js";

const AFFINITY = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING_ANTI = "node(s) didn't satisfy existing pods anti-affinity rules";
const NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
const ZONE = "topology.kubernetes.io/zone";
const HOST = "kubernetes.io/hostname";

function cacheOf(nodes: Node[], existing: Pod[] = []): SchedulerCache {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.setNode(n);
  for (const p of existing) cache.addPod(makePodInfo(p), p.spec.nodeName!);
  return cache;
}

function filterAll(plugin: FilterPlugin, cache: SchedulerCache, p: Pod): Record<string, string | undefined> {
  const state = new CycleState(makePodInfo(p), cache);
  assert.equal(plugin.preFilter?.(state), undefined);
  const out: Record<string, string | undefined> = {};
  for (const n of cache.nodeList()) out[n.name] = plugin.filter(state, n)?.join("; ");
  return out;
}

/** Normalised scores in node-name order, or "skip" when the plugin's PreScore skips the pod. */
function scoreAll(plugin: ScorePlugin, cache: SchedulerCache, p: Pod): number[] | "skip" {
  const state = new CycleState(makePodInfo(p), cache);
  const nodes = cache.nodeList();
  if (plugin.preScore && !plugin.preScore(state, nodes)) return "skip";
  const scores = nodes.map((n) => plugin.score(state, n));
  plugin.normalize?.(state, scores, nodes);
  return scores;
}

function withResources(p: Pod, resources: { requests?: ResourceList; limits?: ResourceList }): Pod {
  p.spec.containers[0]!.resources = resources;
  return p;
}

test("requests default from limits: a limit-only container needs its limit to fit", () => {
  const nodes = [node("small", { cpu: "2", memory: "4Gi" }), node("big", { cpu: "16", memory: "64Gi" })];
  const cases: { name: string; resources: { requests?: ResourceList; limits?: ResourceList }; want: Record<string, string | undefined> }[] = [
    { name: "cpu limit only", resources: { limits: { cpu: "8" } }, want: { big: undefined, small: "Insufficient cpu" } },
    { name: "memory limit only", resources: { limits: { memory: "8Gi" } }, want: { big: undefined, small: "Insufficient memory" } },
    { name: "request wins over limit", resources: { requests: { cpu: "1" }, limits: { cpu: "8" } }, want: { big: undefined, small: undefined } },
    { name: "mixed: cpu requested, memory limited", resources: { requests: { cpu: "1" }, limits: { cpu: "1", memory: "16Gi" } }, want: { big: undefined, small: "Insufficient memory" } },
    { name: "ephemeral-storage limit", resources: { limits: { "ephemeral-storage": "150Gi" } }, want: { big: "Insufficient ephemeral-storage", small: "Insufficient ephemeral-storage" } },
  ];
  for (const c of cases) {
    assert.deepEqual(filterAll(nodeResourcesFitFilter, cacheOf(nodes), withResources(pod("p"), c.resources)), c.want, c.name);
  }
  const r = new Scheduler(cacheOf([node("a", { cpu: "2" }), node("b", { cpu: "2" })])).schedule(withResources(pod("p"), { limits: { cpu: "4" } }));
  assert.equal(r.message, "0/2 nodes are available: 2 Insufficient cpu.");
  // Placed limit-only pods occupy their limits on the node.
  const cache = cacheOf([node("n", { cpu: "4" })], [withResources(pod("e", { nodeName: "n" }), { limits: { cpu: "3" } })]);
  assert.equal(new Scheduler(cache).schedule(pod("p", { cpu: "2" })).message, "0/1 nodes are available: 1 Insufficient cpu.");
});

test("the Pod defaulter copies limits into missing requests (templates are left alone)", () => {
  const p = withResources(pod("p"), { requests: { cpu: "100m" }, limits: { cpu: "1", memory: "1Gi" } });
  defaultSpec(p);
  assert.deepEqual(p.spec.containers[0]!.resources, { requests: { cpu: "100m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } });
  const noLimits = pod("q");
  defaultSpec(noLimits);
  assert.deepEqual(noLimits.spec.containers[0]!.resources, { requests: {} });
  const d = {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" },
    spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "i", resources: { limits: { cpu: "1" } } }] } } },
  };
  defaultSpec(d as unknown as KubeObject);
  assert.deepEqual(d.spec.template.spec.containers[0]!.resources, { limits: { cpu: "1" } });
});

test("Gt/Lt read integers as strconv.ParseInt(s, 10, 64) does", () => {
  const parse: [string, bigint | undefined][] = [
    ["16", 16n], ["+5", 5n], ["-3", -3n], ["010", 10n], ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n], ["9223372036854775808", undefined], ["16x", undefined],
    ["1e3", undefined], [" 5", undefined], ["5 ", undefined], ["0x10", undefined], ["1_000", undefined], ["", undefined], ["+", undefined], ["4.0", undefined],
  ];
  for (const [s, want] of parse) assert.equal(parseInt64(s), want, JSON.stringify(s));

  const expr = (operator: "Gt" | "Lt", values: string[]) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "gen", operator, values }] }] } } },
  });
  const cases: { name: string; label: string | undefined; op: "Gt" | "Lt"; values: string[]; fits: boolean }[] = [
    { name: "16x is not 16", label: "16x", op: "Gt", values: ["4"], fits: false },
    { name: "term value 4x is an error", label: "16", op: "Gt", values: ["4x"], fits: false },
    { name: "plain Gt", label: "16", op: "Gt", values: ["4"], fits: true },
    { name: "equal is not greater", label: "4", op: "Gt", values: ["4"], fits: false },
    { name: "plus sign", label: "+5", op: "Gt", values: ["4"], fits: true },
    { name: "negative Lt", label: "-3", op: "Lt", values: ["0"], fits: true },
    { name: "leading zero is decimal", label: "010", op: "Gt", values: ["9"], fits: true },
    { name: "int64 precision", label: "9223372036854775807", op: "Gt", values: ["9223372036854775806"], fits: true },
    { name: "overflow is an error", label: "9223372036854775808", op: "Gt", values: ["0"], fits: false },
    { name: "float is an error", label: "4.5", op: "Gt", values: ["4"], fits: false },
    { name: "missing label", label: undefined, op: "Lt", values: ["4"], fits: false },
    { name: "two values", label: "1", op: "Lt", values: ["4", "5"], fits: false },
  ];
  for (const c of cases) {
    const n = node("n", { labels: c.label === undefined ? {} : { gen: c.label } });
    assert.deepEqual(filterAll(nodeAffinity, cacheOf([n]), pod("p", expr(c.op, c.values))), { n: c.fits ? undefined : NODE_AFFINITY }, c.name);
  }
});

test("Score NodeAffinity: preferred terms' weights summed and normalised by the maximum", () => {
  const nodes = [
    node("a-ssd", { zone: "a", labels: { disk: "ssd" } }),
    node("a-hdd", { zone: "a", labels: { disk: "hdd" } }),
    node("b-ssd", { zone: "b", labels: { disk: "ssd" } }),
    node("c-hdd", { zone: "c" }),
  ];
  const pref = (...terms: [number, string, string][]) => pod("p", {
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms.map(([weight, key, value]) => ({ weight, preference: { matchExpressions: [{ key, operator: "In" as const, values: [value] }] } })) } },
  });
  const cases: { name: string; pod: Pod; want: number[] | "skip" }[] = [
    { name: "no preferred terms: skipped", pod: pod("p"), want: "skip" },
    { name: "one term", pod: pref([50, ZONE, "a"]), want: [100, 100, 0, 0] },
    // raw: a-hdd 80, a-ssd 100, b-ssd 20, c-hdd 0 (node-name order: a-hdd, a-ssd, b-ssd, c-hdd)
    { name: "two terms add up", pod: pref([80, ZONE, "a"], [20, "disk", "ssd"]), want: [80, 100, 20, 0] },
    { name: "nothing matches", pod: pref([10, ZONE, "z"]), want: [0, 0, 0, 0] },
    { name: "empty preference matches nothing", pod: pod("p", { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, preference: {} }] } } }), want: [0, 0, 0, 0] },
  ];
  for (const c of cases) assert.deepEqual(scoreAll(nodeAffinityScore, cacheOf(nodes), c.pod), c.want, c.name);
});

test("placements follow Kubernetes' default score weights", () => {
  const prefer = (zone: string, weight = 100) => ({
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight, preference: { matchExpressions: [{ key: ZONE, operator: "In" as const, values: [zone] }] } }] } },
  });
  const soft = { taints: [{ key: "spot", value: "true", effect: "PreferNoSchedule" as const }] };
  const cases: { name: string; nodes: Node[]; pod: Pod; want: string }[] = [
    { name: "preferred zone wins among equal nodes", nodes: [node("a1", { zone: "a" }), node("b1", { zone: "b" })], pod: pod("p", prefer("b")), want: "b1" },
    // NodeAffinity (2 x 100) loses to TaintToleration (3 x 100) on the preferred but PreferNoSchedule-tainted node.
    { name: "TaintToleration (3) outweighs NodeAffinity (2)", nodes: [node("a1", { zone: "a" }), node("b1", { zone: "b", ...soft })], pod: pod("p", prefer("b")), want: "a1" },
    // NodeAffinity 2 x 100 beats the LeastAllocated + Balanced difference of an emptier node.
    {
      name: "NodeAffinity (2) outweighs free resources",
      nodes: [node("a1", { zone: "a", cpu: "8", memory: "16Gi" }), node("b1", { zone: "b", cpu: "2", memory: "4Gi" })],
      pod: pod("p", { cpu: "500m", memory: "512Mi", ...prefer("b") }),
      want: "b1",
    },
  ];
  for (const c of cases) assert.equal(new Scheduler(cacheOf(c.nodes)).schedule(c.pod).node, c.want, c.name);
});

test("the default profile has Kubernetes' filter order and score weights", () => {
  const p = defaultProfile(NO_VOLUMES);
  assert.deepEqual(p.filters.map((f) => f.name), [
    "NodeUnschedulable", "TaintToleration", "NodeAffinity", "NodeResourcesFit", "VolumeBinding", "PodTopologySpread", "InterPodAffinity",
  ]);
  assert.deepEqual(Object.fromEntries(p.scores.map((s) => [s.name, s.weight])), {
    TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1,
  });
});

const term = (labels: Record<string, string>, topologyKey: string, namespaces?: string[]): PodAffinityTerm => ({ labelSelector: { matchLabels: labels }, topologyKey, ...(namespaces ? { namespaces } : {}) });
const requiredAffinity = (...terms: PodAffinityTerm[]) => ({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } } });

test("Filter InterPodAffinity: required pod affinity", () => {
  const nodes = [node("n1", { zone: "a" }), node("n2", { zone: "a" }), node("n3", { zone: "b" }), node("n4")];
  const cases: { name: string; existing: Pod[]; pod: Pod; want: Record<string, string | undefined> }[] = [
    {
      name: "same zone as the cache",
      existing: [pod("cache", { labels: { app: "cache" }, nodeName: "n1" })],
      pod: pod("web", { labels: { app: "web" }, ...requiredAffinity(term({ app: "cache" }, ZONE)) }),
      want: { n1: undefined, n2: undefined, n3: AFFINITY, n4: AFFINITY },
    },
    {
      name: "same host as the cache",
      existing: [pod("cache", { labels: { app: "cache" }, nodeName: "n1" })],
      pod: pod("web", { labels: { app: "web" }, ...requiredAffinity(term({ app: "cache" }, HOST)) }),
      want: { n1: undefined, n2: AFFINITY, n3: AFFINITY, n4: AFFINITY },
    },
    {
      name: "no match anywhere and the pod does not match itself",
      existing: [],
      pod: pod("web", { labels: { app: "web" }, ...requiredAffinity(term({ app: "cache" }, ZONE)) }),
      want: { n1: AFFINITY, n2: AFFINITY, n3: AFFINITY, n4: AFFINITY },
    },
    {
      name: "first of a self-affine group goes wherever the topology label exists",
      existing: [],
      pod: pod("web-0", { labels: { app: "web" }, ...requiredAffinity(term({ app: "web" }, ZONE)) }),
      want: { n1: undefined, n2: undefined, n3: undefined, n4: AFFINITY },
    },
    {
      name: "later members of a self-affine group follow the first",
      existing: [pod("web-0", { labels: { app: "web" }, nodeName: "n3" })],
      pod: pod("web-1", { labels: { app: "web" }, ...requiredAffinity(term({ app: "web" }, ZONE)) }),
      want: { n1: AFFINITY, n2: AFFINITY, n3: undefined, n4: AFFINITY },
    },
    {
      name: "a pod in another namespace only counts when the term names it",
      existing: [pod("cache", { labels: { app: "cache" }, nodeName: "n3", ns: "infra" })],
      pod: pod("web", { labels: { app: "web" }, ...requiredAffinity(term({ app: "cache" }, ZONE, ["infra"])) }),
      want: { n1: AFFINITY, n2: AFFINITY, n3: undefined, n4: AFFINITY },
    },
    {
      name: "... and not otherwise",
      existing: [pod("cache", { labels: { app: "cache" }, nodeName: "n3", ns: "infra" })],
      pod: pod("web", { labels: { app: "web" }, ...requiredAffinity(term({ app: "cache" }, ZONE)) }),
      want: { n1: AFFINITY, n2: AFFINITY, n3: AFFINITY, n4: AFFINITY },
    },
    {
      name: "several terms: only pods matching all of them count",
      existing: [pod("c1", { labels: { app: "cache" }, nodeName: "n1" }), pod("c2", { labels: { app: "cache", tier: "hot" }, nodeName: "n3" })],
      pod: pod("web", { labels: { app: "web" }, ...requiredAffinity(term({ app: "cache" }, ZONE), term({ tier: "hot" }, HOST)) }),
      want: { n1: AFFINITY, n2: AFFINITY, n3: undefined, n4: AFFINITY },
    },
    {
      name: "affinity and anti-affinity together: near the cache, not beside another web",
      existing: [pod("cache", { labels: { app: "cache" }, nodeName: "n1" }), pod("web-0", { labels: { app: "web" }, nodeName: "n1" })],
      pod: pod("web-1", {
        labels: { app: "web" },
        affinity: {
          podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "cache" }, ZONE)] },
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "web" }, HOST)] },
        },
      }),
      want: { n1: ANTI, n2: undefined, n3: AFFINITY, n4: AFFINITY },
    },
    {
      name: "an existing pod's anti-affinity still applies",
      existing: [pod("loner", { labels: { app: "loner" }, nodeName: "n2", affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "web" }, ZONE)] } } }), pod("cache", { labels: { app: "cache" }, nodeName: "n1" })],
      pod: pod("web", { labels: { app: "web" }, ...requiredAffinity(term({ app: "cache" }, ZONE)) }),
      want: { n1: EXISTING_ANTI, n2: EXISTING_ANTI, n3: AFFINITY, n4: AFFINITY },
    },
  ];
  for (const c of cases) assert.deepEqual(filterAll(interPodAffinity, cacheOf(nodes, c.existing), c.pod), c.want, c.name);

  const r = new Scheduler(cacheOf(nodes)).schedule(pod("web", { labels: { app: "web" }, ...requiredAffinity(term({ app: "cache" }, ZONE)) }));
  assert.equal(r.message, "0/4 nodes are available: 4 node(s) didn't match pod affinity rules.");
});

test("Score InterPodAffinity: preferred terms of the pod and of placed pods, min-max normalised", () => {
  const nodes = [node("a1", { zone: "a" }), node("a2", { zone: "a" }), node("b1", { zone: "b" }), node("c1", { zone: "c" })];
  const caches = [pod("k1", { labels: { app: "cache" }, nodeName: "a1" }), pod("k2", { labels: { app: "cache" }, nodeName: "a1" }), pod("k3", { labels: { app: "cache" }, nodeName: "b1" })];
  const preferred = (kind: "podAffinity" | "podAntiAffinity", weight: number, t: PodAffinityTerm) => ({
    affinity: { [kind]: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight, podAffinityTerm: t }] } },
  });
  const cases: { name: string; existing: Pod[]; pod: Pod; want: number[] | "skip" }[] = [
    { name: "no terms anywhere: skipped", existing: caches, pod: pod("web", { labels: { app: "web" } }), want: "skip" },
    // raw per zone: a 2 x 10, b 1 x 10, c 0
    { name: "preferred affinity by zone", existing: caches, pod: pod("web", { labels: { app: "web" }, ...preferred("podAffinity", 10, term({ app: "cache" }, ZONE)) }), want: [100, 100, 50, 0] },
    // raw per host: a1 -20, a2 0, b1 -10, c1 0
    { name: "preferred anti-affinity by host", existing: caches, pod: pod("web", { labels: { app: "web" }, ...preferred("podAntiAffinity", 10, term({ app: "cache" }, HOST)) }), want: [0, 100, 50, 100] },
    {
      name: "a placed pod's preferred affinity for the incoming pod",
      existing: [pod("fan", { labels: { app: "fan" }, nodeName: "b1", ...preferred("podAffinity", 30, term({ app: "web" }, ZONE)) })],
      pod: pod("web", { labels: { app: "web" } }),
      want: [0, 0, 100, 0],
    },
    {
      name: "a placed pod's preferred anti-affinity against the incoming pod",
      existing: [pod("hater", { labels: { app: "hater" }, nodeName: "a2", ...preferred("podAntiAffinity", 30, term({ app: "web" }, ZONE)) })],
      pod: pod("web", { labels: { app: "web" } }),
      want: [0, 0, 100, 100],
    },
    {
      name: "a placed pod's required affinity counts at hardPodAffinityWeight",
      existing: [pod("needy", { labels: { app: "needy" }, nodeName: "c1", ...requiredAffinity(term({ app: "web" }, HOST)) })],
      pod: pod("web", { labels: { app: "web" } }),
      want: [0, 0, 0, 100],
    },
    {
      name: "a placed pod's term for another namespace does not apply",
      existing: [pod("fan", { labels: { app: "fan" }, nodeName: "b1", ns: "other", ...preferred("podAffinity", 30, term({ app: "web" }, ZONE)) })],
      pod: pod("web", { labels: { app: "web" } }),
      want: "skip",
    },
    {
      name: "everything adds up: +10 per cache in the zone, -5 per cache on the host",
      existing: caches,
      pod: pod("web", {
        labels: { app: "web" },
        affinity: {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term({ app: "cache" }, ZONE) }] },
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term({ app: "cache" }, HOST) }] },
        },
      }),
      // raw: a1 20-10=10, a2 20, b1 10-5=5, c1 0 -> (s-0)/20
      want: [50, 100, 25, 0],
    },
  ];
  for (const c of cases) assert.deepEqual(scoreAll(interPodAffinityScore, cacheOf(nodes, c.existing), c.pod), c.want, c.name);
});

test("placements with inter-pod affinity: web follows its cache, replicas spread by preference", () => {
  const nodes = [node("a1", { zone: "a" }), node("b1", { zone: "b" }), node("b2", { zone: "b" })];
  const cache = cacheOf(nodes, [pod("cache", { labels: { app: "cache" }, nodeName: "b2" })]);
  const s = new Scheduler(cache);
  const web = (i: number) => pod(`web-${i}`, {
    labels: { app: "web" },
    affinity: {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "cache" }, ZONE)] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term({ app: "web" }, HOST) }] },
    },
  });
  const placed: string[] = [];
  for (let i = 0; i < 4; i++) {
    const info = makePodInfo(web(i));
    const r = s.schedule(info);
    assert.ok(r.node, r.message);
    cache.addPod(info, r.node);
    placed.push(r.node);
  }
  // All in zone b (the cache's), alternating between its two nodes as preferred anti-affinity pushes them apart.
  assert.deepEqual(placed.map((n) => n.startsWith("b")), [true, true, true, true]);
  assert.deepEqual([placed.filter((n) => n === "b1").length, placed.filter((n) => n === "b2").length], [2, 2]);
  // Removing the cache leaves later web pods nowhere to go (they do not match their own required term).
  cache.removePod("default/cache");
  assert.equal(s.schedule(web(9)).message, "0/3 nodes are available: 3 node(s) didn't match pod affinity rules.");
});

test("validation of preferred weights and Gt/Lt values uses Kubernetes' messages", () => {
  const podWith = (affinity: object): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "i" }], affinity } }) as KubeObject;
  const cases: [object, string[]][] = [
    [{ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: "k", operator: "Exists" }] } }] } },
      ["spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"]],
    [{ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "k", operator: "Gt", values: ["1", "2"] }] }] } } },
      ["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"]],
    [{ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {}, topologyKey: "" }] } },
      ["spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty"]],
    [{ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: { topologyKey: "k" } }] } },
      ["spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100"]],
    [{ podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: ZONE } }] } }, []],
  ];
  for (const [affinity, want] of cases) assert.deepEqual(validateObject(podWith(affinity)).map(formatFieldError), want, JSON.stringify(affinity));
});
