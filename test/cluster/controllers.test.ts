import { test } from "node:test";
import assert from "node:assert/strict";
import type { Deployment, StatefulSet, DaemonSet, Service, Endpoints, Pod, PersistentVolumeClaim, PersistentVolume } from "../../cluster/objects/index.js";
import { isPodReady } from "../../cluster/controllers/index.js";
import { node } from "./helpers/fixtures.js";
import { testCore } from "./helpers/core.js";

function deployment(name: string, replicas: number, extra: Partial<Deployment["spec"]> = {}, podSpec: Partial<Pod["spec"]> = {}, cpu = "100m"): Deployment {
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "default" },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: "nginx:1", resources: { requests: { cpu, memory: "64Mi" } } }], ...podSpec } },
      ...extra,
    },
  };
}

test("Deployment scales up and down and reports status", () => {
  const t = testCore();
  try {
    t.create(deployment("web", 3));
    assert.equal(t.pods("app=web").filter(isPodReady).length, 3);
    let d = t.core.registry.get("Deployment", "default", "web") as Deployment;
    assert.deepEqual(
      { o: d.status?.observedGeneration, r: d.status?.replicas, u: d.status?.updatedReplicas, ready: d.status?.readyReplicas, a: d.status?.availableReplicas },
      { o: 1, r: 3, u: 3, ready: 3, a: 3 },
    );
    for (const [n, want] of [[5, 5], [2, 2], [0, 0]] as const) {
      t.core.registry.patch("Deployment", "default", "web", { spec: { replicas: n } });
      t.core.reconcile();
      assert.equal(t.pods("app=web").length, want, `replicas ${n}`);
      d = t.core.registry.get("Deployment", "default", "web") as Deployment;
      assert.equal(d.status?.readyReplicas, want);
    }
    assert.equal(d.status?.observedGeneration, 4);
    for (const p of t.pods()) assert.equal(p.status?.phase, "Running");
  } finally {
    t.done();
  }
});

test("rolling update respects maxSurge and maxUnavailable at every step", () => {
  const t = testCore();
  try {
    t.create(deployment("web", 4, { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
    t.core.registry.patch("Deployment", "default", "web", { spec: { template: { spec: { containers: [{ name: "app", image: "nginx:2", resources: { requests: { cpu: "100m" } } }] } } } });
    let steps = 0;
    for (;;) {
      const writes = t.core.step();
      if (writes === 0) break;
      steps++;
      const pods = t.pods("app=web");
      assert.ok(pods.length <= 5, `step ${steps}: ${pods.length} pods exceeds replicas + maxSurge`);
      const ready = pods.filter(isPodReady).length;
      assert.ok(ready >= 3, `step ${steps}: only ${ready} ready (< replicas - maxUnavailable)`);
    }
    assert.ok(steps > 2, "the update took several steps");
    const pods = t.pods("app=web");
    assert.equal(pods.length, 4);
    for (const p of pods) assert.equal(p.spec.containers[0]!.image, "nginx:2");
    const d = t.core.registry.get("Deployment", "default", "web") as Deployment;
    assert.equal(d.status?.updatedReplicas, 4);
    assert.equal(d.status?.observedGeneration, 2);
  } finally {
    t.done();
  }
});

test("node failure: pods move elsewhere within the rules; what fits nowhere stays Pending with the reason; recovery places it", () => {
  const t = testCore();
  try {
    const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: "kubernetes.io/hostname" }] } } };
    t.create(deployment("db", 3, {}, anti));
    t.create(deployment("web", 3));
    const dbNodes = t.pods("app=db").map((p) => p.spec.nodeName);
    assert.equal(new Set(dbNodes).size, 3);
    t.core.failNode("n1");
    t.core.reconcile();
    for (const p of t.pods()) assert.notEqual(p.spec.nodeName, "n1", `${p.metadata.name} still on the failed node`);
    assert.equal(t.pods("app=web").filter(isPodReady).length, 3, "web pods moved");
    const pending = t.pods("app=db").filter((p) => !p.spec.nodeName);
    assert.equal(pending.length, 1);
    const cond = pending[0]!.status?.conditions?.find((c) => c.type === "PodScheduled");
    assert.equal(cond?.reason, "Unschedulable");
    assert.equal(cond?.message, "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) didn't match pod anti-affinity rules.");
    const n1 = t.core.registry.get("Node", undefined, "n1");
    assert.equal((n1.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === "Ready")?.status, "Unknown");
    t.core.recoverNode("n1");
    t.core.reconcile();
    assert.equal(t.pods("app=db").filter(isPodReady).length, 3);
    assert.equal(t.pods("app=db").find((p) => p.metadata.name === pending[0]!.metadata.name)?.spec.nodeName, "n1");
  } finally {
    t.done();
  }
});

test("a deleted node's pods are rescheduled", () => {
  const t = testCore();
  try {
    t.create(deployment("web", 6));
    t.core.registry.delete("Node", undefined, "n2");
    t.core.reconcile();
    const pods = t.pods("app=web");
    assert.equal(pods.length, 6);
    for (const p of pods) {
      assert.ok(isPodReady(p));
      assert.notEqual(p.spec.nodeName, "n2");
    }
  } finally {
    t.done();
  }
});

function statefulSet(replicas: number): StatefulSet {
  return {
    apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "db", namespace: "default" },
    spec: {
      replicas, serviceName: "db", selector: { matchLabels: { app: "db" } },
      template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "pg", image: "postgres:16", volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql" }] }] } },
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "standard", resources: { requests: { storage: "1Gi" } } } }],
    },
  };
}

test("StatefulSet: ordered pods, a claim per replica, volumes kept across node failure and scale-down", () => {
  const t = testCore([node("a1", { zone: "a" }), node("a2", { zone: "a" }), node("b1", { zone: "b" })]);
  try {
    t.core.registry.create("StatefulSet", "default", statefulSet(3));
    const order: string[] = [];
    const predecessorReady: boolean[] = [];
    t.core.store.watch({ kind: "Pod" }, undefined, (e) => {
      if (e.type !== "ADDED") return;
      order.push(e.object.metadata.name);
      const i = Number(e.object.metadata.name.split("-")[1]);
      if (i > 0) predecessorReady.push(isPodReady(t.core.store.peek("Pod", "default", `db-${i - 1}`) as Pod));
    });
    t.core.reconcile();
    assert.deepEqual(order, ["db-0", "db-1", "db-2"]);
    assert.deepEqual(predecessorReady, [true, true], "OrderedReady: each pod is created only once the previous one is Ready");
    const claims = t.core.registry.list("PersistentVolumeClaim", "default").items as PersistentVolumeClaim[];
    assert.deepEqual(claims.map((c) => c.metadata.name).sort(), ["data-db-0", "data-db-1", "data-db-2"]);
    for (const c of claims) assert.equal(c.status?.phase, "Bound");
    const volumeOf = new Map(claims.map((c) => [c.metadata.name, c.spec.volumeName]));
    // Each provisioned volume is pinned to the zone of the node where its pod first landed.
    for (const p of t.pods("app=db")) {
      const pv = t.core.registry.get("PersistentVolume", undefined, volumeOf.get(`data-${p.metadata.name}`)!) as PersistentVolume;
      const zone = pv.spec.nodeAffinity?.required?.nodeSelectorTerms[0]?.matchExpressions?.[0]?.values?.[0];
      assert.equal(zone, p.spec.nodeName!.startsWith("a") ? "a" : "b");
    }
    const inA = t.pods("app=db").find((p) => p.spec.nodeName?.startsWith("a"))!;
    t.core.failNode(inA.spec.nodeName!);
    t.core.reconcile();
    const moved = t.pods("app=db").find((p) => p.metadata.name === inA.metadata.name)!;
    assert.ok(moved.spec.nodeName?.startsWith("a") && moved.spec.nodeName !== inA.spec.nodeName, `moved within zone a, got ${moved.spec.nodeName}`);
    assert.ok(isPodReady(moved));
    const inB = t.pods("app=db").find((p) => p.spec.nodeName === "b1")!;
    t.core.failNode("b1");
    t.core.reconcile();
    const stuck = t.pods("app=db").find((p) => p.metadata.name === inB.metadata.name)!;
    assert.equal(stuck.spec.nodeName, undefined);
    assert.match(stuck.status!.conditions!.find((c) => c.type === "PodScheduled")!.message!, /node\(s\) had volume node affinity conflict/);
    t.core.recoverNode("b1");
    t.core.recoverNode(inA.spec.nodeName!);
    t.core.reconcile();
    t.core.registry.patch("StatefulSet", "default", "db", { spec: { replicas: 1 } });
    t.core.reconcile();
    assert.deepEqual(t.pods("app=db").map((p) => p.metadata.name), ["db-0"]);
    assert.equal(t.core.registry.list("PersistentVolumeClaim", "default").items.length, 3, "claims are kept on scale-down");
    t.core.registry.patch("StatefulSet", "default", "db", { spec: { replicas: 3 } });
    t.core.reconcile();
    const again = t.core.registry.list("PersistentVolumeClaim", "default").items as PersistentVolumeClaim[];
    for (const c of again) assert.equal(c.spec.volumeName, volumeOf.get(c.metadata.name), `${c.metadata.name} kept its volume`);
    const sts = t.core.registry.get("StatefulSet", "default", "db") as StatefulSet;
    assert.equal(sts.status?.readyReplicas, 3);
  } finally {
    t.done();
  }
});

test("DaemonSet: one pod per eligible node, tainted nodes skipped, new nodes covered", () => {
  const t = testCore([node("n1"), node("n2"), node("gpu", { taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] })]);
  try {
    const ds: DaemonSet = {
      apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent", namespace: "default" },
      spec: { selector: { matchLabels: { app: "agent" } }, template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "a", image: "agent:1" }] } } },
    };
    t.create(ds);
    let got = t.core.registry.get("DaemonSet", "default", "agent") as DaemonSet;
    assert.equal(got.status?.desiredNumberScheduled, 2);
    assert.equal(got.status?.numberReady, 2);
    assert.deepEqual(t.pods("app=agent").map((p) => p.spec.nodeName).sort(), ["n1", "n2"]);
    t.core.registry.create("Node", undefined, node("n3"));
    t.core.reconcile();
    got = t.core.registry.get("DaemonSet", "default", "agent") as DaemonSet;
    assert.equal(got.status?.desiredNumberScheduled, 3);
    assert.equal(got.status?.numberReady, 3);
    t.core.failNode("n1");
    t.core.reconcile();
    got = t.core.registry.get("DaemonSet", "default", "agent") as DaemonSet;
    // As Kubernetes: the unreachable node no longer counts as desired, its pod stays (tolerated NoExecute) as misscheduled.
    assert.equal(got.status?.desiredNumberScheduled, 2);
    assert.equal(got.status?.numberReady, 2);
    assert.equal(got.status?.numberMisscheduled, 1);
    assert.equal(t.pods("app=agent").length, 3, "the failed node's daemon pod is kept");
    assert.equal(t.pods("app=agent").find((p) => p.spec.nodeName === "n1")?.status?.conditions?.find((c) => c.type === "Ready")?.status, "False");
    t.core.recoverNode("n1");
    t.core.reconcile();
    got = t.core.registry.get("DaemonSet", "default", "agent") as DaemonSet;
    assert.deepEqual([got.status?.desiredNumberScheduled, got.status?.numberReady, t.pods("app=agent").length], [3, 3, 3]);
  } finally {
    t.done();
  }
});

test("Service gets a cluster IP and endpoints of its ready pods; deleting a Deployment collects its pods", () => {
  const t = testCore();
  try {
    t.create(deployment("web", 2));
    const svc: Service = { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] } };
    t.create(svc);
    const s = t.core.registry.get("Service", "default", "web") as Service;
    assert.match(s.spec.clusterIP ?? "", /^10\.96\.\d+\.\d+$/);
    const ep = t.core.registry.get("Endpoints", "default", "web") as Endpoints;
    const ips = ep.subsets?.[0]?.addresses?.map((a) => a.ip).sort();
    assert.deepEqual(ips, t.pods("app=web").map((p) => p.status!.podIP!).sort());
    assert.equal(ep.subsets?.[0]?.ports?.[0]?.port, 8080);
    t.core.registry.delete("Deployment", "default", "web");
    t.core.reconcile();
    assert.equal(t.pods("app=web").length, 0);
    const ep2 = t.core.registry.get("Endpoints", "default", "web") as Endpoints;
    assert.deepEqual(ep2.subsets, []);
  } finally {
    t.done();
  }
});

test("an unschedulable pod records Kubernetes' message and is placed once capacity appears", () => {
  const t = testCore([node("n1", { cpu: "1" }), node("n2", { cpu: "1" }), node("gpu", { cpu: "8", taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] })]);
  try {
    t.create(deployment("big", 1, {}, {}, "2"));
    const p = t.pods("app=big")[0]!;
    assert.equal(p.status?.phase, "Pending");
    assert.equal(p.status?.conditions?.find((c) => c.type === "PodScheduled")?.message, "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 Insufficient cpu.");
    t.core.registry.create("Node", undefined, node("n4", { cpu: "4" }));
    t.core.reconcile();
    assert.equal(t.pods("app=big")[0]!.spec.nodeName, "n4");
  } finally {
    t.done();
  }
});

test("two processes on one data directory: one leads the controllers, the other takes over when it stops", async () => {
  const { tempDir } = await import("./helpers/tmp.js");
  const { ClusterCore } = await import("../../cluster/controllers/index.js");
  const t = tempDir();
  const a = ClusterCore.open(t.dir, { leaseTtlMs: 600, pollMs: 20 });
  const b = ClusterCore.open(t.dir, { leaseTtlMs: 600, pollMs: 20 });
  const until = async (what: string, ok: () => boolean) => {
    for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(ok(), what);
  };
  try {
    assert.equal(a.isLeader(), true);
    assert.equal(b.isLeader(), false);
    const bc = b.client();
    await bc.create(node("n1"));
    await bc.create(deployment("web", 2));
    await until("the leader reconciles writes made by the other process", () => b.registry.list("Pod", "default").items.filter((p) => isPodReady(p as Pod)).length === 2);
    a.close();
    await until("the other process takes over", () => b.isLeader());
    await bc.patch("Deployment", "web", { spec: { replicas: 3 } }, "default");
    await until("the new leader reconciles", () => b.registry.list("Pod", "default").items.filter((p) => isPodReady(p as Pod)).length === 3);
  } finally {
    a.close();
    b.close();
    t.remove();
  }
});

test("a leader whose lease another process took while it computed makes no controller writes (fencing)", async () => {
  const { tempDir } = await import("./helpers/tmp.js");
  const { ClusterCore } = await import("../../cluster/controllers/index.js");
  const { STORE_FILE } = await import("../../cluster/store/store.js");
  const { default: Database } = await import("better-sqlite3");
  const { join } = await import("node:path");
  const t = tempDir();
  const a = ClusterCore.open(t.dir, { autoReconcile: false, leaseTtlMs: 60_000 });
  try {
    assert.equal(a.isLeader(), true);
    const ac = a.client();
    await ac.create(node("n1"));
    await ac.create(deployment("web", 2));
    // What a stall past the lease's end looks like from here: another holder has the lease in the file, and
    // this process has not renewed since.
    const other = new Database(join(t.dir, STORE_FILE));
    other.prepare("UPDATE leases SET holder = ?, expires = ? WHERE name = 'controllers'").run("elsewhere/1/0", Date.now() + 60_000);
    other.close();
    assert.equal(a.reconcile(), 0, "no controller write is made without the lease");
    assert.equal(a.registry.list("Pod", "default").items.length, 0);
    assert.equal(a.registry.list("ReplicaSet", "default").items.length, 0);
    assert.equal(a.isLeader(), false, "the core knows it does not lead");
  } finally {
    a.close();
    t.remove();
  }
});

test("Recreate strategy removes every old pod before creating new ones", () => {
  const t = testCore();
  try {
    t.create(deployment("web", 3, { strategy: { type: "Recreate" } }));
    t.core.registry.patch("Deployment", "default", "web", { spec: { template: { spec: { containers: [{ name: "app", image: "nginx:2" }] } } } });
    let mixed = false;
    while (t.core.step() > 0) {
      const images = new Set(t.pods("app=web").map((p) => p.spec.containers[0]!.image));
      if (images.size > 1) mixed = true;
    }
    assert.equal(mixed, false, "old and new pods never coexist");
    assert.deepEqual(t.pods("app=web").map((p) => p.spec.containers[0]!.image), ["nginx:2", "nginx:2", "nginx:2"]);
  } finally {
    t.done();
  }
});

test("StatefulSet rolling update replaces pods from the highest ordinal down, one at a time", () => {
  const t = testCore();
  try {
    const s = statefulSet(3);
    s.spec.volumeClaimTemplates = [];
    delete s.spec.template.spec.containers[0]!.volumeMounts;
    t.create(s);
    t.core.registry.patch("StatefulSet", "default", "db", { spec: { template: { spec: { containers: [{ name: "pg", image: "postgres:17" }] } } } });
    const deleted: string[] = [];
    const stop = t.core.store.watch({ kind: "Pod" }, undefined, (e) => {
      if (e.type === "DELETED") deleted.push(e.object.metadata.name);
    });
    t.core.reconcile();
    stop();
    assert.deepEqual(deleted, ["db-2", "db-1", "db-0"]);
    for (const p of t.pods("app=db")) assert.equal(p.spec.containers[0]!.image, "postgres:17");
    const sts = t.core.registry.get("StatefulSet", "default", "db") as StatefulSet;
    assert.equal(sts.status?.updatedReplicas, 3);
    assert.equal(sts.status?.currentRevision, sts.status?.updateRevision);
  } finally {
    t.done();
  }
});

test("replicas that fit nowhere all record the scheduler's reason (identical pods share one verdict)", () => {
  const t = testCore([node("n1", { cpu: "2" }), node("n2", { cpu: "2" })]);
  try {
    t.create(deployment("big", 6, {}, {}, "1500m"));
    const pods = t.pods("app=big");
    assert.equal(pods.filter((p) => p.spec.nodeName).length, 2);
    const reasons = pods.filter((p) => !p.spec.nodeName).map((p) => p.status?.conditions?.find((c) => c.type === "PodScheduled")?.message);
    assert.deepEqual(reasons, Array(4).fill("0/2 nodes are available: 2 Insufficient cpu."));
    t.core.registry.create("Node", undefined, node("n3", { cpu: "4" }));
    t.core.reconcile();
    assert.equal(t.pods("app=big").filter((p) => p.spec.nodeName === "n3").length, 2, "new capacity is used at once");
  } finally {
    t.done();
  }
});
