// The kubelet does not start containers whose ConfigMaps/Secrets are missing (CreateContainerConfigError for
// the environment, ContainerCreating for volumes), and the endpoints controller resolves named target ports.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ConfigMap, Container, Endpoints, Pod, Secret, Service, Volume } from "../../cluster/objects/index.js";
import { isPodReady } from "../../cluster/controllers/index.js";
import { findPort } from "../../cluster/controllers/services.js";
import { pod } from "./helpers/fixtures.js";
import { testCore } from "./helpers/core.js";

const cm = (name: string, data: Record<string, string>): ConfigMap => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data });
const secret = (name: string, data: Record<string, string>): Secret => ({ apiVersion: "v1", kind: "Secret", metadata: { name, namespace: "default" }, data });

function withContainer(name: string, c: Partial<Container>, volumes?: Volume[]): Pod {
  const p = pod(name, volumes ? { volumes } : {});
  Object.assign(p.spec.containers[0]!, c);
  return p;
}

interface Want {
  phase: string;
  waiting?: { reason: string; message?: string };
}

function observed(p: Pod): Want {
  const w = p.status?.containerStatuses?.[0]?.state?.waiting;
  return { phase: p.status?.phase ?? "", ...(w ? { waiting: { reason: w.reason!, ...(w.message ? { message: w.message } : {}) } } : {}) };
}

test("missing ConfigMaps and Secrets keep containers waiting with the kubelet's reason and message", () => {
  const cases: { name: string; pod: Pod; want: Want }[] = [
    { name: "env from a missing ConfigMap", pod: withContainer("a", { env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "missing", key: "k" } } }] }), want: { phase: "Pending", waiting: { reason: "CreateContainerConfigError", message: 'configmap "missing" not found' } } },
    { name: "env from a missing key", pod: withContainer("b", { env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "settings", key: "nope" } } }] }), want: { phase: "Pending", waiting: { reason: "CreateContainerConfigError", message: "couldn't find key nope in ConfigMap default/settings" } } },
    { name: "env from a present key", pod: withContainer("c", { env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "settings", key: "mode" } } }] }), want: { phase: "Running" } },
    { name: "env from a missing Secret", pod: withContainer("d", { env: [{ name: "X", valueFrom: { secretKeyRef: { name: "creds", key: "password" } } }] }), want: { phase: "Pending", waiting: { reason: "CreateContainerConfigError", message: 'secret "creds" not found' } } },
    { name: "env from a missing Secret key", pod: withContainer("e", { env: [{ name: "X", valueFrom: { secretKeyRef: { name: "token", key: "password" } } }] }), want: { phase: "Pending", waiting: { reason: "CreateContainerConfigError", message: "couldn't find key password in Secret default/token" } } },
    { name: "optional reference", pod: withContainer("f", { env: [{ name: "X", valueFrom: { secretKeyRef: { name: "creds", key: "password", optional: true } } }] }), want: { phase: "Running" } },
    { name: "envFrom a missing ConfigMap", pod: withContainer("g", { envFrom: [{ configMapRef: { name: "missing" } }] }), want: { phase: "Pending", waiting: { reason: "CreateContainerConfigError", message: 'configmap "missing" not found' } } },
    { name: "envFrom a missing Secret", pod: withContainer("h", { envFrom: [{ secretRef: { name: "creds" } }] }), want: { phase: "Pending", waiting: { reason: "CreateContainerConfigError", message: 'secret "creds" not found' } } },
    { name: "envFrom optional", pod: withContainer("i", { envFrom: [{ secretRef: { name: "creds", optional: true } }] }), want: { phase: "Running" } },
    { name: "a volume from a missing ConfigMap", pod: withContainer("j", {}, [{ name: "conf", configMap: { name: "missing" } }]), want: { phase: "Pending", waiting: { reason: "ContainerCreating" } } },
    { name: "a volume from a missing Secret", pod: withContainer("k", {}, [{ name: "tls", secret: { secretName: "creds" } }]), want: { phase: "Pending", waiting: { reason: "ContainerCreating" } } },
    { name: "a volume from a present Secret", pod: withContainer("l", {}, [{ name: "tls", secret: { secretName: "token" } }]), want: { phase: "Running" } },
  ];
  const t = testCore();
  try {
    t.create(cm("settings", { mode: "fast" }));
    t.create(secret("token", { token: "dG9r" }));
    for (const c of cases) t.create(c.pod);
    const pods = new Map(t.pods().map((p) => [p.metadata.name, p]));
    for (const c of cases) {
      const p = pods.get(c.pod.metadata.name)!;
      assert.deepEqual(observed(p), c.want, c.name);
      assert.equal(isPodReady(p), c.want.phase === "Running", `${c.name}: ready`);
      assert.ok(p.spec.nodeName, `${c.name}: scheduled`);
    }
    const blocked = pods.get("a")!;
    assert.equal(blocked.status?.conditions?.find((x) => x.type === "Ready")?.message, "containers with unready status: [c]");
    // Creating what was missing lets the waiting pods start.
    t.create(cm("missing", { k: "v" }));
    t.create(secret("creds", { password: "cA==" }));
    const after = new Map(t.pods().map((p) => [p.metadata.name, p]));
    for (const n of ["a", "d", "g", "h", "j", "k"]) assert.deepEqual(observed(after.get(n)!), { phase: "Running" }, n);
    for (const n of ["b", "e"]) assert.equal(observed(after.get(n)!).phase, "Pending", `${n}: the key is still missing`);
  } finally {
    t.done();
  }
});

test("findPort resolves a named targetPort against the pod's container ports", () => {
  const p = withContainer("p", { ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }, { name: "dns", containerPort: 5353, protocol: "UDP" }] });
  const cases: [Service["spec"]["ports"] extends (infer P)[] | undefined ? P : never, number | undefined][] = [
    [{ port: 80, targetPort: "http" }, 8080],
    [{ port: 80, targetPort: 9000 }, 9000],
    [{ port: 80 }, 80],
    [{ port: 53, targetPort: "dns", protocol: "UDP" }, 5353],
    [{ port: 53, targetPort: "dns" }, undefined],
    [{ port: 80, targetPort: "metrics" }, undefined],
  ];
  for (const [sp, want] of cases) assert.equal(findPort(p, sp), want, JSON.stringify(sp));
});

test("endpoints carry each pod's resolved port; pods without the named port are left out", () => {
  const t = testCore();
  try {
    const web = (name: string, containerPort?: number) => {
      const p = withContainer(name, containerPort ? { ports: [{ name: "http", containerPort }] } : {});
      p.metadata.labels = { app: "web" };
      return p;
    };
    t.create(web("v1-a", 8080));
    t.create(web("v1-b", 8080));
    t.create(web("v2", 9090));
    t.create(web("bare"));
    const svc: Service = { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ name: "web", port: 80, targetPort: "http" }] } };
    t.create(svc);
    const ep = t.core.registry.get("Endpoints", "default", "web") as Endpoints;
    const ipOf = new Map(t.pods().map((p) => [p.status!.podIP!, p.metadata.name]));
    const got = (ep.subsets ?? []).map((s) => ({ ports: s.ports?.map((p) => p.port), pods: (s.addresses ?? []).map((a) => ipOf.get(a.ip)).sort() }));
    assert.deepEqual(got, [{ ports: [8080], pods: ["v1-a", "v1-b"] }, { ports: [9090], pods: ["v2"] }]);
  } finally {
    t.done();
  }
});
