// Taint-based eviction and the taints node lifecycle sets: NoExecute taints evict pods that do not tolerate
// them, honouring tolerationSeconds; not-ready/unreachable follow the Ready condition; cordon taints the node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import type { Deployment, Node, Pod, Taint, Toleration } from "../../cluster/objects/index.js";
import { isPodReady } from "../../cluster/controllers/index.js";
import { minTolerationSeconds } from "../../cluster/controllers/taint-eviction.js";
import { node, pod } from "./helpers/fixtures.js";
import { testCore, type TestCore } from "./helpers/core.js";

const DEDICATED: Taint = { key: "dedicated", value: "db", effect: "NoExecute" };
const MAINT: Taint = { key: "maintenance", effect: "NoExecute" };

function pinned(name: string, tolerations?: Toleration[]): Pod {
  return pod(name, { nodeName: "n1", ...(tolerations ? { tolerations } : {}) });
}

function names(t: TestCore): string[] {
  return t.pods().map((p) => p.metadata.name).sort();
}

function setTaints(t: TestCore, nodeName: string, taints: Taint[]): void {
  t.core.registry.patch("Node", undefined, nodeName, { spec: { taints } });
  t.core.reconcile();
}

test("minTolerationSeconds follows Kubernetes' getMinTolerationTime", () => {
  const cases: [Toleration[], number][] = [
    [[], -1],
    [[{ key: "a", operator: "Exists" }], -1],
    [[{ key: "a", operator: "Exists", tolerationSeconds: 30 }, { key: "b", operator: "Exists", tolerationSeconds: 10 }], 10],
    [[{ key: "a", operator: "Exists" }, { key: "b", operator: "Exists", tolerationSeconds: 10 }], 10],
    [[{ key: "a", operator: "Exists", tolerationSeconds: 0 }], 0],
    [[{ key: "a", operator: "Exists", tolerationSeconds: -5 }, { key: "b", operator: "Exists", tolerationSeconds: 10 }], 0],
  ];
  for (const [tols, want] of cases) assert.equal(minTolerationSeconds(tols), want, JSON.stringify(tols));
});

test("a NoExecute taint evicts the pods that do not tolerate it", () => {
  const cases: { name: string; taints: Taint[]; stay: string[] }[] = [
    { name: "NoSchedule evicts nobody", taints: [{ key: "dedicated", value: "db", effect: "NoSchedule" }], stay: ["exists", "forever", "hour", "other", "plain", "wrong-value", "zero"] },
    { name: "NoExecute", taints: [DEDICATED], stay: ["exists", "forever", "hour"] },
    { name: "two NoExecute taints, each must be tolerated", taints: [DEDICATED, MAINT], stay: ["exists"] },
    { name: "an unrelated NoExecute taint", taints: [MAINT], stay: ["exists"] },
  ];
  for (const c of cases) {
    const t = testCore([node("n1"), node("n2")]);
    try {
      t.create(pinned("plain"));
      t.create(pinned("forever", [{ key: "dedicated", operator: "Equal", value: "db", effect: "NoExecute" }]));
      t.create(pinned("hour", [{ key: "dedicated", operator: "Exists", effect: "NoExecute", tolerationSeconds: 3600 }]));
      t.create(pinned("zero", [{ key: "dedicated", operator: "Exists", effect: "NoExecute", tolerationSeconds: 0 }]));
      t.create(pinned("wrong-value", [{ key: "dedicated", operator: "Equal", value: "web", effect: "NoExecute" }]));
      t.create(pinned("other", [{ key: "other", operator: "Exists" }]));
      t.create(pinned("exists", [{ operator: "Exists" }]));
      assert.equal(names(t).length, 7);
      setTaints(t, "n1", c.taints);
      assert.deepEqual(names(t), c.stay, c.name);
    } finally {
      t.done();
    }
  }
});

test("tolerationSeconds delays the eviction; the taint going first cancels it", async () => {
  const t = testCore([node("n1"), node("n2")]);
  try {
    const brief = [{ key: "dedicated", operator: "Exists" as const, effect: "NoExecute" as const, tolerationSeconds: 1 }];
    t.create(pinned("brief", brief));
    t.create(pinned("spared", [{ key: "maintenance", operator: "Exists" as const, effect: "NoExecute" as const, tolerationSeconds: 1 }]));
    setTaints(t, "n1", [DEDICATED, MAINT]);
    // Each pod tolerates only one of the two taints: both go at once.
    assert.deepEqual(names(t), []);

    setTaints(t, "n1", [DEDICATED]);
    t.create(pinned("brief", brief));
    t.create(pinned("spared", [{ key: "maintenance", operator: "Exists" as const, effect: "NoExecute" as const, tolerationSeconds: 1 }]));
    assert.deepEqual(names(t), ["brief"], "spared does not tolerate dedicated");
    t.create(pinned("spared", [{ key: "maintenance", operator: "Exists" as const, effect: "NoExecute" as const, tolerationSeconds: 1 }, { key: "dedicated", operator: "Exists" as const, effect: "NoExecute" as const, tolerationSeconds: 1 }]));
    assert.deepEqual(names(t), ["brief", "spared"], "both tolerate for a second");
    setTaints(t, "n1", []);
    await sleep(1300);
    t.core.reconcile();
    assert.deepEqual(names(t), ["brief", "spared"], "the taint went before the time ran out");
    setTaints(t, "n1", [DEDICATED]);
    assert.deepEqual(names(t), ["brief", "spared"], "a new countdown starts");
    await sleep(1300);
    t.core.reconcile();
    assert.deepEqual(names(t), [], "evicted when the toleration ran out");
  } finally {
    t.done();
  }
});

test("owned pods evicted by a NoExecute taint are recreated on other nodes", () => {
  const t = testCore([node("n1"), node("n2"), node("n3")]);
  try {
    const d: Deployment = {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
      spec: { replicas: 6, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    };
    t.create(d);
    assert.ok(t.pods("app=web").some((p) => p.spec.nodeName === "n1"));
    setTaints(t, "n1", [MAINT]);
    const pods = t.pods("app=web");
    assert.equal(pods.length, 6);
    assert.equal(pods.filter(isPodReady).length, 6);
    for (const p of pods) assert.notEqual(p.spec.nodeName, "n1");
  } finally {
    t.done();
  }
});

function nodeTaints(t: TestCore, name: string): Taint[] {
  return (t.core.registry.get("Node", undefined, name) as Node).spec?.taints ?? [];
}

const shape = (taints: Taint[]) => taints.map((x) => `${x.key}:${x.effect}${x.timeAdded ? "@" : ""}`);

test("node lifecycle mirrors Ready and cordon into Kubernetes' node taints", () => {
  const t = testCore([node("n1", { taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] }), node("n2")]);
  try {
    const steps: { name: string; act: () => void; want: string[] }[] = [
      { name: "cordon", act: () => t.core.registry.patch("Node", undefined, "n1", { spec: { unschedulable: true } }), want: ["gpu:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"] },
      { name: "uncordon", act: () => t.core.registry.patch("Node", undefined, "n1", { spec: { unschedulable: null } }), want: ["gpu:NoSchedule"] },
      { name: "fail", act: () => t.core.failNode("n1"), want: ["gpu:NoSchedule", "node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute@"] },
      { name: "recover", act: () => t.core.recoverNode("n1"), want: ["gpu:NoSchedule"] },
      {
        name: "Ready=False posted by the node",
        act: () => {
          const n = t.core.registry.get("Node", undefined, "n1") as Node;
          const conditions = (n.status?.conditions ?? []).map((c) => (c.type === "Ready" ? { ...c, status: "False" as const, reason: "KubeletNotReady" } : c));
          t.core.registry.update("Node", undefined, "n1", { ...n, status: { ...n.status, conditions } }, { subresource: "status" });
        },
        want: ["gpu:NoSchedule", "node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute@"],
      },
    ];
    for (const s of steps) {
      s.act();
      t.core.reconcile();
      assert.deepEqual(shape(nodeTaints(t, "n1")), s.want, s.name);
    }
    assert.deepEqual(shape(nodeTaints(t, "n2")), [], "other nodes untouched");
    // A bare pod on the not-ready node is evicted; a DaemonSet-style forever toleration keeps its pod.
    const r = t.core.registry.create("Pod", "default", pod("stays", { nodeName: "n1", tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" }, { operator: "Exists", effect: "NoSchedule" }] }));
    assert.ok(r);
    t.create(pod("goes", { nodeName: "n1" }));
    assert.deepEqual(names(t), ["stays"]);
    // The cordoned node's message is NodeUnschedulable's, as the filter runs before TaintToleration.
    t.core.registry.patch("Node", undefined, "n2", { spec: { unschedulable: true } });
    t.core.reconcile();
    t.create(pod("pending"));
    const pending = t.pods().find((p) => p.metadata.name === "pending")!;
    assert.equal(
      pending.status?.conditions?.find((c) => c.type === "PodScheduled")?.message,
      "0/2 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 1 node(s) were unschedulable.",
    );
  } finally {
    t.done();
  }
});
