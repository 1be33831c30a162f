// cluster_workload exposes what the core supports: preferred node affinity, pod affinity and anti-affinity
// (required and preferred), rolling-update parameters, ConfigMap/Secret volumes and env_from; plan, apply,
// read back and plan no change; the plan-time placement check honours pod affinity.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect, type Connection } from "../../../cluster/index.js";
import type { Deployment, Pod } from "../../../cluster/objects/index.js";
import { Harness, attr, messages, tempDir } from "./support.js";

const zoneNode = (name: string, zone: string) => ({ name, cpu: "4", memory: "8Gi", zone });

describe("cluster_workload scheduling and configuration attributes", () => {
  const tmp = tempDir();
  let h: Harness;
  let other: Connection;

  before(async () => {
    h = await Harness.open({}, { cwd: tmp.dir });
    for (const [name, zone] of [["n1", "a"], ["n2", "a"], ["n3", "b"], ["n4", "b"]] as const) await h.converge("cluster_node", zoneNode(name, zone));
    other = connect({ mode: "embedded", dataDir: `${tmp.dir}/.cairn/cluster` });
  });
  after(async () => {
    await h.close();
    await other.client.close();
    tmp.remove();
  });

  it("rejects bad values at validation with a diagnostic each", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "statefulset", max_surge: "1" }, "Update strategy needs a deployment"],
      [{ strategy: "BlueGreen" }, "Invalid strategy"],
      [{ max_unavailable: "a lot" }, "Invalid rolling-update value"],
      [{ strategy: "Recreate", max_surge: "1" }, "Rolling-update values with Recreate"],
      [{ preferred_node_affinity: [{ weight: 0, key: "k", operator: "Exists" }] }, "Invalid weight"],
      [{ pod_affinity: [{ weight: 101, topology_key: "k", match_labels: { a: "b" } }] }, "Invalid weight"],
      [{ env_from: [{ config_map: "a", secret: "b" }] }, "Invalid env_from"],
      [{ config_volume: [{ name: "v", mount_path: "/v" }] }, "Invalid config_volume"],
    ];
    for (const [extra, want] of cases) {
      const cfg = h.config("cluster_workload", { kind: "deployment", name: "bad", image: "x", ...extra });
      const r = await h.provider.validateResourceConfig({ typeName: "cluster_workload", config: cfg });
      assert.deepEqual(r.diagnostics.map((d) => d.summary), [want], JSON.stringify(extra));
    }
  });

  it("plans a required pod affinity nobody can satisfy as unplaceable", async () => {
    const lonely = { kind: "deployment", name: "lonely", image: "x", pod_affinity: [{ topology_key: "topology.kubernetes.io/zone", match_labels: { app: "nobody" } }] };
    const p = await h.plan("cluster_workload", h.none("cluster_workload"), h.config("cluster_workload", lonely));
    assert.match(messages(p.diagnostics)[0] ?? "", /0\/4 nodes are available: 4 node\(s\) didn't match pod affinity rules\./);
  });

  it("applies affinity, rolling-update and configuration attributes, reads them back and plans no change", async () => {
    await h.converge("cluster_config", { name: "settings", data: { MODE: "fast", "app.conf": "x=1" } });
    await h.converge("cluster_workload", { kind: "deployment", name: "cache", image: "redis", replicas: 1, node_selector: { "kubernetes.io/hostname": "n3" } });
    const web = {
      kind: "deployment", name: "web", image: "nginx", replicas: 2,
      max_surge: "1", max_unavailable: "0",
      preferred_node_affinity: [{ weight: 50, key: "kubernetes.io/hostname", operator: "In", values: ["n4"] }],
      pod_affinity: [{ topology_key: "topology.kubernetes.io/zone", match_labels: { app: "cache" } }],
      pod_anti_affinity: [{ topology_key: "kubernetes.io/hostname", match_labels: { app: "web" }, weight: 100 }],
      env_from: [{ config_map: "settings", prefix: "APP_" }],
      config_volume: [{ name: "conf", config_map: "settings", mount_path: "/etc/app", read_only: true }],
    };
    const state = await h.converge("cluster_workload", web);
    assert.equal(attr(state, "strategy"), "RollingUpdate");
    assert.equal(attr(state, "max_surge"), "1");
    await h.assertNoOp("cluster_workload", await h.read("cluster_workload", state), web);

    const d = await other.client.get<Deployment>("Deployment", "web", "default");
    assert.deepEqual(d.spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    const spec = d.spec.template.spec;
    assert.deepEqual(spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, [{ labelSelector: { matchLabels: { app: "cache" } }, topologyKey: "topology.kubernetes.io/zone" }]);
    assert.deepEqual(spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.weight, 100);
    assert.deepEqual(spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.weight, 50);
    assert.deepEqual(spec.containers[0]!.envFrom, [{ prefix: "APP_", configMapRef: { name: "settings" } }]);
    assert.deepEqual(spec.volumes, [{ name: "conf", configMap: { name: "settings" } }]);
    // Both replicas in the cache's zone (b), one per node as the preferred anti-affinity asks.
    const pods = (await other.client.list("Pod", { namespace: "default", labelSelector: "app=web" })).items as Pod[];
    assert.deepEqual(pods.map((p) => p.spec.nodeName).sort(), ["n3", "n4"]);
    for (const p of pods) assert.equal(p.status?.phase, "Running");

    // Defaults: a deployment without the attributes gets the API server's RollingUpdate 25%/25%.
    const plain = await h.converge("cluster_workload", { kind: "deployment", name: "plain", image: "x" });
    assert.deepEqual([attr(plain, "strategy"), attr(plain, "max_surge"), attr(plain, "max_unavailable")], ["RollingUpdate", "25%", "25%"]);
    await h.assertNoOp("cluster_workload", await h.read("cluster_workload", plain), { kind: "deployment", name: "plain", image: "x" });
    const ds = await h.converge("cluster_workload", { kind: "daemonset", name: "agent", image: "x" });
    assert.deepEqual([attr(ds, "strategy"), attr(ds, "max_surge")], [null, null]);
  });

  it("keeps a pod whose ConfigMap is missing Pending and says why at apply", async () => {
    const broken = { kind: "deployment", name: "broken", image: "x", env_from: [{ secret: "absent" }], timeouts: { create: "60s" } };
    const cfg = h.config("cluster_workload", broken);
    const p = await h.plan("cluster_workload", h.none("cluster_workload"), cfg);
    assert.deepEqual(messages(p.diagnostics), []);
    const a = await h.apply("cluster_workload", h.none("cluster_workload"), p.plannedState, cfg);
    const m = messages(a.diagnostics);
    assert.equal(m.length, 1);
    assert.match(m[0]!, /0\/1 replicas placed and Running\.\n  default\/broken-[0-9a-f]+-\w+: CreateContainerConfigError: secret "absent" not found/);
    const pods = (await other.client.list("Pod", { namespace: "default", labelSelector: "app=broken" })).items as Pod[];
    assert.deepEqual(pods.map((x) => x.status?.containerStatuses?.[0]?.state?.waiting), [{ reason: "CreateContainerConfigError", message: 'secret "absent" not found' }]);
  });
});
