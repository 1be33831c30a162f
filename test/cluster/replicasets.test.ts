// Deployments own ReplicaSets as in Kubernetes: one per template with pod-template-hash and revision
// annotations, rolling updates within maxSurge/maxUnavailable, Recreate, revision history and rollback.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Deployment, Pod, ReplicaSet } from "../../cluster/objects/index.js";
import { isPodReady } from "../../cluster/controllers/index.js";
import { testCore, type TestCore } from "./helpers/core.js";
import { node } from "./helpers/fixtures.js";

const REVISION = "deployment.kubernetes.io/revision";

function deployment(replicas: number, image = "nginx:1", extra: Partial<Deployment["spec"]> = {}): Deployment {
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default", annotations: { "kubernetes.io/change-cause": `image ${image}` } },
    spec: {
      replicas, selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image, resources: { requests: { cpu: "100m" } } }] } },
      ...extra,
    },
  };
}

function replicaSets(t: TestCore): ReplicaSet[] {
  return (t.core.registry.list("ReplicaSet", "default").items as ReplicaSet[]).sort((a, b) => Number(a.metadata.annotations?.[REVISION]) - Number(b.metadata.annotations?.[REVISION]));
}

function setImage(t: TestCore, image: string): void {
  t.core.registry.patch("Deployment", "default", "web", {
    metadata: { annotations: { "kubernetes.io/change-cause": `image ${image}` } },
    spec: { template: { spec: { containers: [{ name: "app", image, resources: { requests: { cpu: "100m" } } }] } } },
  });
}

const summary = (rsList: ReplicaSet[]) => rsList.map((rs) => ({ rev: rs.metadata.annotations?.[REVISION], replicas: rs.spec.replicas, ready: rs.status?.readyReplicas, image: rs.spec.template.spec.containers[0]!.image }));

test("a Deployment owns one ReplicaSet per template, and the ReplicaSet owns the pods", () => {
  const t = testCore();
  try {
    const d = t.create(deployment(3));
    const [rs, ...rest] = replicaSets(t);
    assert.equal(rest.length, 0);
    const hash = rs!.metadata.labels?.["pod-template-hash"];
    assert.match(hash ?? "", /^[0-9a-f]{10}$/);
    assert.equal(rs!.metadata.name, `web-${hash}`);
    assert.deepEqual(rs!.metadata.ownerReferences, [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: d.metadata.uid, controller: true }]);
    assert.deepEqual(rs!.spec.selector.matchLabels, { app: "web", "pod-template-hash": hash });
    assert.deepEqual(rs!.spec.template.metadata?.labels, { app: "web", "pod-template-hash": hash });
    assert.equal(rs!.metadata.annotations?.[REVISION], "1");
    assert.equal(rs!.metadata.annotations?.["kubernetes.io/change-cause"], "image nginx:1");
    assert.deepEqual(rs!.status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const pods = t.pods("app=web");
    assert.equal(pods.filter(isPodReady).length, 3);
    for (const p of pods) {
      assert.deepEqual(p.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name}`), [`ReplicaSet/web-${hash}`]);
      assert.ok(p.metadata.name.startsWith(`web-${hash}-`));
    }
    const live = t.core.registry.get("Deployment", "default", "web") as Deployment;
    assert.equal(live.metadata.annotations?.[REVISION], "1");
    assert.deepEqual({ r: live.status?.replicas, u: live.status?.updatedReplicas, a: live.status?.availableReplicas }, { r: 3, u: 3, a: 3 });
  } finally {
    t.done();
  }
});

test("updates make new revisions, old ReplicaSets are kept at zero, a rollback reuses its ReplicaSet", () => {
  const t = testCore();
  try {
    t.create(deployment(2));
    setImage(t, "nginx:2");
    t.core.reconcile();
    assert.deepEqual(summary(replicaSets(t)), [
      { rev: "1", replicas: 0, ready: 0, image: "nginx:1" },
      { rev: "2", replicas: 2, ready: 2, image: "nginx:2" },
    ]);
    for (const p of t.pods("app=web")) assert.equal(p.spec.containers[0]!.image, "nginx:2");
    // `kubectl rollout undo` copies revision 1's template (without pod-template-hash) into the Deployment;
    // the keys come back in another order from a client.
    const old = replicaSets(t)[0]!;
    const template = structuredClone(old.spec.template);
    delete template.metadata!.labels!["pod-template-hash"];
    const reordered = JSON.parse(JSON.stringify({ spec: template.spec, metadata: template.metadata }));
    const d = t.core.registry.get("Deployment", "default", "web") as Deployment;
    t.core.registry.update("Deployment", "default", "web", { ...d, spec: { ...d.spec, template: reordered } });
    t.core.reconcile();
    assert.deepEqual(summary(replicaSets(t)), [
      { rev: "2", replicas: 0, ready: 0, image: "nginx:2" },
      { rev: "3", replicas: 2, ready: 2, image: "nginx:1" },
    ]);
    assert.equal(replicaSets(t)[1]!.metadata.name, old.metadata.name, "the old ReplicaSet came back");
    assert.equal((t.core.registry.get("Deployment", "default", "web") as Deployment).metadata.annotations?.[REVISION], "3");
    for (const p of t.pods("app=web")) assert.equal(p.spec.containers[0]!.image, "nginx:1");
  } finally {
    t.done();
  }
});

test("revisionHistoryLimit bounds the old ReplicaSets kept", () => {
  const cases: { limit: number; updates: number; wantRevisions: string[] }[] = [
    { limit: 1, updates: 3, wantRevisions: ["3", "4"] },
    { limit: 0, updates: 2, wantRevisions: ["3"] },
    { limit: 10, updates: 3, wantRevisions: ["1", "2", "3", "4"] },
  ];
  for (const c of cases) {
    const t = testCore();
    try {
      t.create(deployment(1, "nginx:1", { revisionHistoryLimit: c.limit }));
      for (let i = 2; i <= c.updates + 1; i++) {
        setImage(t, `nginx:${i}`);
        t.core.reconcile();
      }
      assert.deepEqual(replicaSets(t).map((rs) => rs.metadata.annotations?.[REVISION]), c.wantRevisions, `limit ${c.limit}`);
    } finally {
      t.done();
    }
  }
});

test("rolling updates stay within maxSurge and maxUnavailable at every step", () => {
  const cases: { name: string; replicas: number; maxSurge: number | string; maxUnavailable: number | string; surge: number; unavailable: number }[] = [
    { name: "defaults 25%/25% of 4", replicas: 4, maxSurge: "25%", maxUnavailable: "25%", surge: 1, unavailable: 1 },
    { name: "no surge", replicas: 4, maxSurge: 0, maxUnavailable: 1, surge: 0, unavailable: 1 },
    { name: "surge only", replicas: 3, maxSurge: "50%", maxUnavailable: 0, surge: 2, unavailable: 0 },
    { name: "all at once", replicas: 3, maxSurge: 3, maxUnavailable: 0, surge: 3, unavailable: 0 },
  ];
  for (const c of cases) {
    const t = testCore([node("n1", { cpu: "8" }), node("n2", { cpu: "8" })]);
    try {
      t.create(deployment(c.replicas, "nginx:1", { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: c.maxSurge, maxUnavailable: c.maxUnavailable } } }));
      setImage(t, "nginx:2");
      let steps = 0;
      let maxPods = 0;
      while (t.core.step() > 0) {
        steps++;
        const pods = t.pods("app=web");
        maxPods = Math.max(maxPods, pods.length);
        assert.ok(pods.length <= c.replicas + c.surge, `${c.name} step ${steps}: ${pods.length} pods`);
        const ready = pods.filter(isPodReady).length;
        assert.ok(ready >= c.replicas - c.unavailable, `${c.name} step ${steps}: ${ready} ready`);
      }
      const pods = t.pods("app=web");
      assert.equal(pods.length, c.replicas, c.name);
      for (const p of pods) assert.equal(p.spec.containers[0]!.image, "nginx:2", c.name);
      if (c.surge > 0) assert.ok(maxPods > c.replicas, `${c.name}: surged`);
    } finally {
      t.done();
    }
  }
});

test("Recreate removes every old pod before the first new one", () => {
  const t = testCore();
  try {
    t.create(deployment(3, "nginx:1", { strategy: { type: "Recreate" } }));
    setImage(t, "nginx:2");
    let sawGap = false;
    while (t.core.step() > 0) {
      const images = new Set(t.pods("app=web").map((p) => p.spec.containers[0]!.image));
      assert.ok(!(images.has("nginx:1") && images.has("nginx:2")), "old and new pods together");
      if (images.size === 0) sawGap = true;
    }
    assert.ok(sawGap);
    assert.deepEqual(t.pods("app=web").map((p) => p.spec.containers[0]!.image), ["nginx:2", "nginx:2", "nginx:2"]);
  } finally {
    t.done();
  }
});

test("pods a Deployment owned directly (before ReplicaSets) are retired by the rollout", () => {
  const t = testCore();
  try {
    const d = t.core.registry.create("Deployment", "default", deployment(2)) as Deployment;
    for (const name of ["web-legacy-a", "web-legacy-b"]) {
      const p: Pod = {
        apiVersion: "v1", kind: "Pod",
        metadata: { name, namespace: "default", labels: { app: "web", "pod-template-hash": "0123456789" }, ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: d.metadata.uid!, controller: true }] },
        spec: { containers: [{ name: "app", image: "nginx:0" }], nodeName: "n1" },
      };
      t.core.registry.create("Pod", "default", p);
    }
    t.core.reconcile();
    const pods = t.pods("app=web");
    assert.equal(pods.length, 2);
    for (const p of pods) assert.equal(p.metadata.ownerReferences?.[0]?.kind, "ReplicaSet");
    assert.equal(pods.filter(isPodReady).length, 2);
  } finally {
    t.done();
  }
});

test("deleting a Deployment collects its ReplicaSets and their pods", () => {
  const t = testCore();
  try {
    t.create(deployment(2));
    setImage(t, "nginx:2");
    t.core.reconcile();
    assert.equal(replicaSets(t).length, 2);
    t.core.registry.delete("Deployment", "default", "web");
    t.core.reconcile();
    assert.equal(replicaSets(t).length, 0);
    assert.equal(t.pods("app=web").length, 0);
  } finally {
    t.done();
  }
});
