// Admission as Kubernetes does it: LimitRange defaults and bounds, ResourceQuota counting and refusal (403 with
// the API server's words), quota status kept current (also after deletes), NodePort allocation and release.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { KubeObject, Pod, Service, ResourceQuota } from "../../cluster/objects/index.js";
import type { Event } from "../../cluster/objects/event.js";
import { ApiError } from "../../cluster/api/index.js";
import { canonicalQuantity } from "../../cluster/objects/quantity.js";
import { parsePortRange } from "../../cluster/api/node-ports.js";
import { testCore, type TestCore } from "./helpers/core.js";

function podWith(name: string, resources: { requests?: Record<string, string>; limits?: Record<string, string> } = {}, containers = 1): Pod {
  return {
    apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" },
    spec: { containers: Array.from({ length: containers }, (_, i) => ({ name: containers === 1 ? "app" : `c${i}`, image: "nginx", resources: structuredClone(resources) })) },
  } as Pod;
}

const quota = (hard: Record<string, string>, name = "q"): ResourceQuota => ({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name, namespace: "default" }, spec: { hard } });
const limitRange = (limits: unknown[]): KubeObject => ({ apiVersion: "v1", kind: "LimitRange", metadata: { name: "lr", namespace: "default" }, spec: { limits } } as KubeObject);

function refusal(fn: () => unknown): { code: number; reason: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { code: e.code, reason: e.reason, message: e.message };
    throw e;
  }
  assert.fail("expected the API to refuse");
}

function withCore(fn: (t: TestCore) => void): void {
  const t = testCore();
  try {
    fn(t);
  } finally {
    t.done();
  }
}

test("canonical quantities print as Kubernetes' Quantity.String() does", () => {
  const cases: [number, string, string][] = [[0.5, "500m", "500m"], [1.5, "1500m", "1500m"], [2, "2", "2"], [2 ** 30, "1Gi", "1Gi"], [1.5 * 2 ** 30, "512Mi", "1536Mi"], [1e8, "100M", "100M"], [0, "1Gi", "0"], [3, "1", "3"]];
  for (const [v, like, want] of cases) assert.equal(canonicalQuantity(v, like), want, `${v} like ${like}`);
});

test("a LimitRange defaults container requests and limits and records what it set", () => {
  withCore((t) => {
    t.create(limitRange([{ type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m" } }]));
    const lr = t.core.registry.get("LimitRange", "default", "lr");
    // The object itself is defaulted: a missing default request comes from the default limit.
    assert.deepEqual((lr.spec as { limits: unknown[] }).limits[0], { type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m", memory: "256Mi" } });
    const cases: { name: string; given: { requests?: Record<string, string>; limits?: Record<string, string> }; want: unknown; note: string }[] = [
      { name: "bare", given: {}, want: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "256Mi" } }, note: "LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app" },
      { name: "own-limit", given: { limits: { cpu: "1" } }, want: { limits: { cpu: "1", memory: "256Mi" }, requests: { cpu: "1", memory: "256Mi" } }, note: "LimitRanger plugin set: memory request for container app; memory limit for container app" },
    ];
    for (const c of cases) {
      const p = t.create(podWith(c.name, c.given));
      assert.deepEqual(p.spec.containers[0]!.resources, c.want, c.name);
      assert.equal(p.metadata.annotations?.["kubernetes.io/limit-ranger"], c.note, c.name);
    }
  });
});

test("a LimitRange's min, max and ratio refuse pods with Kubernetes' messages", () => {
  withCore((t) => {
    t.create(limitRange([{ type: "Container", min: { cpu: "100m" }, max: { cpu: "1", memory: "1Gi" }, maxLimitRequestRatio: { cpu: "2" } }, { type: "Pod", max: { cpu: "1500m" } }]));
    const cases: { name: string; res: { requests?: Record<string, string>; limits?: Record<string, string> }; containers?: number; message: string }[] = [
      { name: "too-small", res: { requests: { cpu: "50m" }, limits: { cpu: "50m", memory: "1Gi" } }, message: 'pods "too-small" is forbidden: minimum cpu usage per Container is 100m, but request is 50m' },
      { name: "too-big", res: { requests: { cpu: "1" }, limits: { cpu: "2", memory: "2Gi" } }, message: 'pods "too-big" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi, maximum cpu usage per Pod is 1500m, but limit is 2]' },
      { name: "ratio", res: { requests: { cpu: "200m" }, limits: { cpu: "1", memory: "1Gi" } }, message: 'pods "ratio" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000' },
      { name: "pod-sum", res: { requests: { cpu: "800m" }, limits: { cpu: "800m", memory: "1Gi" } }, containers: 2, message: 'pods "pod-sum" is forbidden: maximum cpu usage per Pod is 1500m, but limit is 1600m' },
    ];
    for (const c of cases) {
      const r = refusal(() => t.create(podWith(c.name, c.res, c.containers)));
      assert.equal(r.code, 403, c.name);
      assert.equal(r.reason, "Forbidden", c.name);
      assert.equal(r.message, c.message, c.name);
    }
    // Max without a default limit: the max becomes the default limit, so a bare pod passes.
    const ok = t.create(podWith("fits", { requests: { cpu: "500m" } }));
    assert.equal(ok.spec.containers[0]!.resources?.limits?.cpu, "1");
  });
});

test("a LimitRange whose min exceeds its max is invalid", () => {
  withCore((t) => {
    const r = refusal(() => t.create(limitRange([{ type: "Container", min: { cpu: "2" }, max: { cpu: "1" } }])));
    assert.equal(r.code, 422);
    assert.match(r.message, /spec\.limits\[0\]\.min\[cpu\]: Invalid value: "2": min value 2 is greater than max value 1/);
  });
});

test("a ResourceQuota counts, refuses with 403 'exceeded quota', and its status follows creates and deletes", () => {
  withCore((t) => {
    t.create(quota({ pods: "2", "requests.cpu": "1", "requests.memory": "1Gi", configmaps: "1" }));
    const status = () => (t.core.registry.get("ResourceQuota", "default", "q") as ResourceQuota).status;
    assert.deepEqual(status(), { hard: { pods: "2", "requests.cpu": "1", "requests.memory": "1Gi", configmaps: "1" }, used: { pods: "0", "requests.cpu": "0", "requests.memory": "0", configmaps: "0" } });
    t.create(podWith("a", { requests: { cpu: "600m", memory: "512Mi" } }));
    assert.deepEqual(status()?.used, { pods: "1", "requests.cpu": "600m", "requests.memory": "512Mi", configmaps: "0" });
    const cases: { name: string; obj: KubeObject; message: string }[] = [
      { name: "cpu", obj: podWith("b", { requests: { cpu: "500m", memory: "100Mi" } }), message: 'pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1' },
      { name: "missing", obj: podWith("c", { requests: { cpu: "100m" } }), message: 'pods "c" is forbidden: failed quota: q: must specify requests.memory for: app' },
      { name: "configmap", obj: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "two", namespace: "default" }, data: {} } as KubeObject, message: 'configmaps "two" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=1, limited: configmaps=1' },
    ];
    t.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "one", namespace: "default" }, data: {} } as KubeObject);
    for (const c of cases) {
      const r = refusal(() => t.create(c.obj));
      assert.deepEqual([r.code, r.reason], [403, "Forbidden"], c.name);
      assert.equal(r.message, c.message, c.name);
    }
    t.create(podWith("d", { requests: { cpu: "400m", memory: "512Mi" } }));
    const full = refusal(() => t.create(podWith("e", { requests: { cpu: "0", memory: "0" } })));
    assert.equal(full.message, 'pods "e" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    assert.deepEqual(status()?.used, { pods: "2", "requests.cpu": "1", "requests.memory": "1Gi", configmaps: "1" });
    // A dry run is admitted exactly like a real create, and stores nothing (no usage either).
    t.core.registry.delete("Pod", "default", "d");
    t.core.reconcile();
    assert.deepEqual(status()?.used, { pods: "1", "requests.cpu": "600m", "requests.memory": "512Mi", configmaps: "1" });
    t.core.registry.create("Pod", "default", podWith("dry", { requests: { cpu: "100m", memory: "1Mi" } }), { dryRun: true });
    assert.equal(status()?.used?.pods, "1");
  });
});

test("a ReplicaSet whose pods exceed the quota records FailedCreate with the API's message and stops at the limit", () => {
  withCore((t) => {
    t.create(quota({ pods: "2" }));
    t.create({
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx" }] } } },
    } as KubeObject);
    assert.equal(t.pods("app=web").length, 2);
    const failed = (t.core.registry.list("Event", "default").items as Event[]).filter((e) => e.reason === "FailedCreate");
    // Each attempt names its own pod, so attempts are distinct events (as the ReplicaSet controller's are).
    assert.ok(failed.length >= 1);
    for (const e of failed) {
      assert.match(e.message ?? "", /^Error creating: pods "web-[0-9a-f]{10}-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$/);
      assert.equal(e.type, "Warning");
    }
  });
});

test("NodePort services get a port from 30000-32767; duplicates and out-of-range ports are refused; deletes and type changes release", () => {
  withCore((t) => {
    const svc = (name: string, type: string, nodePort?: number): Service => ({
      apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" },
      spec: { type, selector: { app: name }, ports: [{ port: 80, ...(nodePort ? { nodePort } : {}) }] },
    } as Service);
    const a = t.create(svc("a", "NodePort"));
    const given = a.spec.ports![0]!.nodePort!;
    assert.ok(given >= 30000 && given <= 32767, String(given));
    const cases: { name: string; obj: Service; message: string }[] = [
      { name: "dup", obj: svc("dup", "NodePort", given), message: `Service "dup" is invalid: spec.ports[0].nodePort: Invalid value: ${given}: provided port is already allocated` },
      { name: "low", obj: svc("low", "NodePort", 80), message: 'Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767' },
      { name: "cip", obj: svc("cip", "ClusterIP", 30001), message: "Service \"cip\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" },
    ];
    for (const c of cases) {
      const r = refusal(() => t.create(c.obj));
      assert.equal(r.code, 422, c.name);
      assert.equal(r.message, c.message, c.name);
    }
    // An update that omits the node port keeps it.
    const kept = t.core.registry.update("Service", "default", "a", { ...svc("a", "NodePort"), metadata: { name: "a", namespace: "default" } }) as Service;
    assert.equal(kept.spec.ports![0]!.nodePort, given);
    // A type change to ClusterIP drops it, and another service may take it.
    const cip = t.core.registry.patch("Service", "default", "a", { spec: { type: "ClusterIP" } }) as Service;
    assert.equal(cip.spec.ports![0]!.nodePort, undefined);
    const b = t.create(svc("b", "NodePort", given));
    assert.equal(b.spec.ports![0]!.nodePort, given);
    t.core.registry.delete("Service", "default", "b");
    assert.equal(t.create(svc("c", "NodePort", given)).spec.ports![0]!.nodePort, given);
  });
});

test("the node-port range is parsed as --service-node-port-range takes it", () => {
  assert.deepEqual(parsePortRange("30000-32767"), { base: 30000, size: 2768 });
  assert.deepEqual(parsePortRange("31000"), { base: 31000, size: 1 });
  for (const bad of ["", "a-b", "32767-30000", "0-10", "1-70000"]) assert.equal(parsePortRange(bad), undefined, bad);
});
