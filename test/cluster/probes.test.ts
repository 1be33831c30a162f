// Probes are simulated honestly: a container with a readinessProbe is ready only once its result says so;
// liveness failures restart containers that have a livenessProbe; containers without probes are unaffected.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Container, Deployment, Endpoints, Pod, Service } from "../../cluster/objects/index.js";
import { isPodReady } from "../../cluster/controllers/index.js";
import { pod } from "./helpers/fixtures.js";
import { testCore, type TestCore } from "./helpers/core.js";

const probe = { httpGet: { path: "/healthz", port: 8080 } };

function withContainers(name: string, containers: Partial<Container>[], annotations?: Record<string, string>): Pod {
  const p = pod(name);
  p.spec.containers = containers.map((c, i) => ({ name: `c${i}`, image: "nginx", ...c }));
  if (annotations) p.metadata.annotations = annotations;
  return p;
}

function live(t: TestCore, name: string): Pod {
  return t.core.registry.get("Pod", "default", name) as Pod;
}

function annotate(t: TestCore, name: string, annotations: Record<string, string | null>): void {
  t.core.registry.patch("Pod", "default", name, { metadata: { annotations } });
  t.core.reconcile();
}

test("readiness follows the result set on the pod, never an assumed success", () => {
  const cases: { name: string; pod: Pod; ready: boolean; containersReady: boolean[]; message?: string }[] = [
    { name: "no probes", pod: withContainers("a", [{}]), ready: true, containersReady: [true] },
    { name: "readiness probe, no result yet", pod: withContainers("b", [{ readinessProbe: probe }]), ready: false, containersReady: [false], message: "containers with unready status: [c0]" },
    { name: "readiness passed", pod: withContainers("c", [{ readinessProbe: probe }], { "cairn.dev/readiness": "pass" }), ready: true, containersReady: [true] },
    { name: "readiness failed", pod: withContainers("d", [{ readinessProbe: probe }], { "cairn.dev/readiness": "fail" }), ready: false, containersReady: [false], message: "containers with unready status: [c0]" },
    {
      name: "per container result overrides the pod's",
      pod: withContainers("e", [{ readinessProbe: probe }, { readinessProbe: probe }, {}], { "cairn.dev/readiness": "pass", "cairn.dev/readiness.c1": "fail" }),
      ready: false, containersReady: [true, false, true], message: "containers with unready status: [c1]",
    },
    { name: "a liveness probe alone does not gate readiness", pod: withContainers("f", [{ livenessProbe: probe }]), ready: true, containersReady: [true] },
  ];
  const t = testCore();
  try {
    for (const c of cases) t.create(c.pod);
    for (const c of cases) {
      const p = live(t, c.pod.metadata.name);
      assert.equal(p.status?.phase, "Running", c.name);
      assert.equal(isPodReady(p), c.ready, c.name);
      assert.deepEqual(p.status?.containerStatuses?.map((x) => x.ready), c.containersReady, c.name);
      assert.equal(p.status?.conditions?.find((x) => x.type === "Ready")?.message, c.message, c.name);
    }
    annotate(t, "b", { "cairn.dev/readiness": "pass" });
    assert.ok(isPodReady(live(t, "b")), "ready once the probe passes");
    annotate(t, "b", { "cairn.dev/readiness": "fail" });
    assert.ok(!isPodReady(live(t, "b")), "unready again when it fails");
  } finally {
    t.done();
  }
});

test("liveness failures restart the containers that have a liveness probe", () => {
  const t = testCore();
  try {
    t.create(withContainers("p", [{ livenessProbe: probe }, {}]));
    const restarts = () => live(t, "p").status?.containerStatuses?.map((x) => x.restartCount);
    assert.deepEqual(restarts(), [0, 0]);
    annotate(t, "p", { "cairn.dev/liveness-failures": "1" });
    assert.deepEqual(restarts(), [1, 0]);
    assert.deepEqual(live(t, "p").status?.containerStatuses?.[0]?.lastState, { terminated: { exitCode: 137, reason: "Error" } });
    annotate(t, "p", { "cairn.dev/liveness-failures": "3" });
    assert.deepEqual(restarts(), [3, 0]);
    assert.ok(isPodReady(live(t, "p")), "restarted containers run again");
    annotate(t, "p", { "cairn.dev/liveness-failures": "not a number" });
    assert.deepEqual(restarts(), [0, 0], "an unreadable count is no failure");
  } finally {
    t.done();
  }
});

test("an unready pod is left out of a Service's ready addresses and holds back its Deployment", () => {
  const t = testCore();
  try {
    const d: Deployment = {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
      spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx", readinessProbe: probe }] } } },
    };
    t.create(d);
    const svc: Service = { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } };
    t.create(svc);
    const ep = () => t.core.registry.get("Endpoints", "default", "web") as Endpoints;
    assert.equal(ep().subsets?.[0]?.addresses, undefined);
    assert.equal(ep().subsets?.[0]?.notReadyAddresses?.length, 2);
    assert.equal((t.core.registry.get("Deployment", "default", "web") as Deployment).status?.availableReplicas, 0);
    const [first] = t.pods("app=web");
    annotate(t, first!.metadata.name, { "cairn.dev/readiness": "pass" });
    assert.equal(ep().subsets?.[0]?.addresses?.length, 1);
    assert.equal((t.core.registry.get("Deployment", "default", "web") as Deployment).status?.availableReplicas, 1);
  } finally {
    t.done();
  }
});
