// Two stateless API servers (`serveCluster` with etcd, as `cairn cluster serve -etcd-endpoints`) on one etcd,
// each a real process: writes through one are read and watched through the other, only the lease holder runs the
// scheduler and controllers, and when it is killed (-9) the other takes over: every pod is bound exactly once.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, until, type ServerProcess } from "./helpers/etcd-servers.js";
import { ETCD_MISSING, startTestEtcd, testPrefix, type TestEtcd } from "./helpers/etcd.js";
import { tempDir } from "./helpers/tmp.js";

type Server = ServerProcess;

interface PodList { items: { metadata: { name: string }; spec: { nodeName?: string } }[] }
interface EventList { items: { reason: string; count?: number; involvedObject: { name: string } }[] }

function deployment(replicas: number): unknown {
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
    spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx", resources: { requests: { cpu: "100m" } } }] } } },
  };
}

describe("API servers on etcd", { skip: ETCD_MISSING, timeout: 180_000 }, () => {
  let etcd: TestEtcd;
  const dir = tempDir("cairn-etcd-serve-");
  const servers: Server[] = [];
  before(async () => {
    etcd = await startTestEtcd(1);
  });
  after(async () => {
    for (const s of servers) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill("SIGKILL");
    await etcd?.dispose();
    dir.remove();
  });

  test("writes through one server are read and watched through the other; the leader's successor binds every pod exactly once", async () => {
    const prefix = testPrefix();
    const a = await startServer(dir.dir, etcd.endpoints, prefix);
    servers.push(a);
    const b = await startServer(dir.dir, etcd.endpoints, prefix);
    servers.push(b);
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n1" }, status: { capacity: { cpu: "8", memory: "16Gi", pods: "110" }, allocatable: { cpu: "8", memory: "16Gi", pods: "110" } } };
    const created = await a.call("POST", "/api/v1/nodes", node);
    assert.equal(created.status, 201, created.text);
    await until("server b reads the node created through a", async () => (await b.call("GET", "/api/v1/nodes/n1")).status === 200);
    const conflict = await b.call("PUT", "/api/v1/nodes/n1", { ...node, metadata: { name: "n1", resourceVersion: "1" } });
    assert.equal(conflict.status, 409, "a stale resourceVersion is a conflict whichever server is asked");

    const d = await a.call("POST", "/apis/apps/v1/namespaces/default/deployments", deployment(4));
    assert.equal(d.status, 201, d.text);
    const bound = async (s: Server, n: number) => {
      const r = await s.call("GET", "/api/v1/namespaces/default/pods");
      if (r.status !== 200) return false;
      const pods = (JSON.parse(r.text) as PodList).items;
      return pods.length === n && pods.every((p) => p.spec.nodeName === "n1");
    };
    await until("4 pods are bound, seen through b", () => bound(b, 4));
    await until("one replica leads", () => a.lines.includes("leading") || b.lines.includes("leading"));
    const [leader, survivor] = a.lines.includes("leading") ? [a, b] : [b, a];
    leader.proc.kill("SIGKILL");
    const scaled = await survivor.call("PATCH", "/apis/apps/v1/namespaces/default/deployments/web", { spec: { replicas: 7 } }, "application/merge-patch+json");
    assert.equal(scaled.status, 200, scaled.text);
    await until("the survivor leads", () => survivor.lines.includes("leading"));
    await until("7 pods are bound after the takeover", () => bound(survivor, 7), 60_000);
    const events = JSON.parse((await survivor.call("GET", "/api/v1/namespaces/default/events")).text) as EventList;
    const scheduled = events.items.filter((e) => e.reason === "Scheduled");
    assert.equal(scheduled.length, 7, "one Scheduled event per pod");
    assert.ok(scheduled.every((e) => (e.count ?? 1) === 1), "no pod was bound twice");
  });
});
