import { test } from "node:test";
import assert from "node:assert/strict";
import { clusterStatus, renderStatusText, getObjects, renderGetText, failNode, recoverNode, ClusterCore } from "../../cluster/index.js";
import { parseQuantity, parseMilli, formatBytes, formatCpu, validateObject, formatFieldError } from "../../cluster/objects/index.js";
import type { KubeObject } from "../../cluster/objects/index.js";
import { tempDir } from "./helpers/tmp.js";
import { node } from "./helpers/fixtures.js";

test("quantities parse and format as Kubernetes writes them", () => {
  const cases: [string, number][] = [["500m", 0.5], ["2Gi", 2 * 2 ** 30], ["1.5", 1.5], ["100M", 1e8], ["1e3", 1000], ["128Ki", 131072], ["0", 0], [".5", 0.5]];
  for (const [s, v] of cases) assert.equal(parseQuantity(s), v, s);
  assert.equal(parseMilli("0.1"), 100);
  assert.equal(parseMilli("250m"), 250);
  assert.throws(() => parseQuantity("12xb"));
  assert.equal(formatBytes(2 * 2 ** 30), "2Gi");
  assert.equal(formatBytes(1536 * 2 ** 20), "1536Mi");
  assert.equal(formatBytes(1e8), "100M");
  assert.equal(formatCpu(1500), "1500m");
  assert.equal(formatCpu(2000), "2");
});

test("validation messages carry Kubernetes field paths", () => {
  const cases: [KubeObject, string[]][] = [
    [
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: -1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "other" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } } as KubeObject,
      ["spec.replicas: Invalid value: -1: must be greater than or equal to 0", 'spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`'],
    ],
    [
      { apiVersion: "v1", kind: "Node", metadata: { name: "n" }, spec: { taints: [{ key: "k", effect: "Sometimes" }] } } as KubeObject,
      ['spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    [
      { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 0 }] } } as KubeObject,
      ["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"],
    ],
    [{ apiVersion: "v1", kind: "Pod", metadata: { name: "" }, spec: { containers: [{ name: "c", image: "i" }] } } as KubeObject, ["metadata.name: Required value: name or generateName is required"]],
  ];
  for (const [obj, want] of cases) assert.deepEqual(validateObject(obj).map(formatFieldError), want, obj.kind);
});

test("status view: allocation per node, pending pods with reasons; get; fail/recover through the client", async () => {
  const t = tempDir();
  const core = ClusterCore.open(t.dir);
  const client = core.client();
  try {
    await client.create(node("n1", { cpu: "2", memory: "4Gi", zone: "a" }));
    await client.create({
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "800m", memory: "1Gi" } } }] } } },
    } as KubeObject);
    await core.waitIdle();
    const s = await clusterStatus(client);
    assert.equal(s.nodes[0]!.cpu.requestedMilli, 1600);
    assert.equal(s.nodes[0]!.pods.count, 2);
    assert.equal(s.pending.length, 1);
    assert.equal(s.pending[0]!.reason, "0/1 nodes are available: 1 Insufficient cpu.");
    const text = renderStatusText(s);
    assert.match(text, /n1\s+Ready\s+zone=a\s+pods 2\/110/);
    assert.match(text, /cpu \[################\.\.\.\.\]  80%  1600m\/2/);
    assert.match(text, /Pending pods:\n {2}default\/web-[a-z0-9]+-[a-z0-9]+: 0\/1 nodes are available: 1 Insufficient cpu\./);
    const pods = await getObjects(client, "po");
    assert.equal(pods.length, 3);
    assert.match(renderGetText(await getObjects(client, "deploy", "web")), /web\s+2\/3 ready/);
    await failNode(client, "n1");
    await core.waitIdle();
    assert.equal((await clusterStatus(client)).nodes[0]!.ready, "Unknown");
    await recoverNode(client, "n1");
    await core.waitIdle();
    const after = await clusterStatus(client);
    assert.equal(after.nodes[0]!.ready, "True");
    assert.equal(after.nodes[0]!.pods.count, 2);
  } finally {
    core.close();
    t.remove();
  }
});
