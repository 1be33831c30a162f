// Clients of several API servers on one etcd (issue 14: "the provider and cluster status accept several
// endpoints and fail over between API servers"), with real processes: two `cluster serve` replicas on one etcd.
// A write whose answer is lost on the way back (a TLS-terminating proxy in front of one server forwards the
// request and drops the connection instead of the answer) is retried on the other server and recognised as
// done: created once, never reported as a conflict it did not cause. Then one server is killed (-9) and
// `cairn cluster status` (kubeconfig with both servers, and -endpoint URL,URL) and the HttpClient keep working.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpClient } from "../../cluster/api/http-client.js";
import { isApiError } from "../../cluster/api/status.js";
import type { KubeObject } from "../../cluster/objects/meta.js";
import { ETCD_MISSING, startTestEtcd, testPrefix, type TestEtcd } from "./helpers/etcd.js";
import { startServer, type ServerProcess } from "./helpers/etcd-servers.js";
import { tempDir } from "./helpers/tmp.js";

const CAIRN = fileURLToPath(new URL("../../../bin/cairn", import.meta.url));
const KUBECTL = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

/** Forwards each request to `target`; while `drop` is set, the target's answer is thrown away with the connection. */
async function lossyProxy(dataDir: string, target: string, ca: string): Promise<{ url: string; forwarded: number; drop: boolean; close(): Promise<void> }> {
  const state = { forwarded: 0, drop: true };
  const server: Server = createServer({ cert: readFileSync(join(dataDir, "server.crt")), key: readFileSync(join(dataDir, "server.key")) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const up = request(`${target}${req.url}`, { method: req.method, headers: req.headers, ca }, (answer) => {
        const body: Buffer[] = [];
        answer.on("data", (c: Buffer) => body.push(c));
        answer.on("end", () => {
          state.forwarded++;
          if (state.drop) {
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
        });
      });
      up.on("error", () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  });
}

function configMap(name: string, data: Record<string, string>, resourceVersion?: string): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default", ...(resourceVersion ? { resourceVersion } : {}) }, data } as KubeObject;
}

function cairn(args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CAIRN, ...args], { cwd, encoding: "utf8", env: { ...process.env, KUBECONFIG: "", CAIRN_CLUSTER_ENDPOINT: "", CAIRN_CLUSTER_TOKEN: "", ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("clients of several API servers on one etcd", { skip: ETCD_MISSING, timeout: 180_000 }, () => {
  let etcd: TestEtcd;
  const dir = tempDir("cairn-etcd-failover-");
  const servers: ServerProcess[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  before(async () => {
    etcd = await startTestEtcd(1);
    const prefix = testPrefix();
    a = await startServer(dir.dir, etcd.endpoints, prefix);
    servers.push(a);
    b = await startServer(dir.dir, etcd.endpoints, prefix);
    servers.push(b);
  });
  after(async () => {
    for (const s of servers) await s.kill();
    await etcd?.dispose();
    dir.remove();
  });

  test("a write whose answer was lost is retried on the other server and recognised: created, updated and deleted once", async () => {
    const proxy = await lossyProxy(dir.dir, a.url, a.ca);
    // A client stays on the server that last answered: each write gets a new one, so each goes to a first.
    const clients: HttpClient[] = [];
    const fresh = () => {
      const c = new HttpClient({ endpoint: [proxy.url, b.url], token: a.token, ca: a.ca, timeoutMs: 10_000 });
      clients.push(c);
      return c;
    };
    try {
      const created = await fresh().create(configMap("once", { k: "1" }));
      assert.equal(proxy.forwarded, 1, "the create went through the proxy to server a, which applied it");
      const listed = await b.call("GET", "/api/v1/namespaces/default/configmaps");
      const onces = (JSON.parse(listed.text) as { items: KubeObject[] }).items.filter((o) => o.metadata.name === "once");
      assert.equal(onces.length, 1, "created once");
      assert.equal(onces[0]!.metadata.uid, created.metadata.uid, "the answer is the object the lost attempt created");

      // Someone else's object of the same name: the retried create meets it, and that conflict is real.
      assert.equal((await b.call("POST", "/api/v1/namespaces/default/configmaps", configMap("theirs", { k: "theirs" }))).status, 201);
      await assert.rejects(fresh().create(configMap("theirs", { k: "mine" })), (e: unknown) => isApiError(e) && e.code === 409 && e.reason === "AlreadyExists");

      // An update on a resourceVersion: applied by a, answer lost, 409 from b on the now stale version, read back.
      const updated = await fresh().update(configMap("once", { k: "2" }, created.metadata.resourceVersion));
      assert.equal((updated as KubeObject & { data: Record<string, string> }).data.k, "2");
      const theirs = JSON.parse((await b.call("GET", "/api/v1/namespaces/default/configmaps/theirs")).text) as KubeObject;
      await assert.rejects(fresh().update(configMap("theirs", { k: "mine" }, String(Number(theirs.metadata.resourceVersion) - 1))), (e: unknown) => isApiError(e) && e.code === 409, "a stale version stays a conflict");
      await fresh().delete("ConfigMap", "once", "default");
      assert.equal((await b.call("GET", "/api/v1/namespaces/default/configmaps/once")).status, 404);
      assert.equal(proxy.forwarded, 5, "every write went to server a first");
      proxy.drop = false;
      const direct = await fresh().get("ConfigMap", "theirs", "default");
      assert.equal((direct as KubeObject & { data: Record<string, string> }).data.k, "theirs", "nothing overwrote their object");
    } finally {
      for (const c of clients) await c.close();
      await proxy.close();
    }
  });

  test("one server killed: cluster status through a kubeconfig naming both servers, -endpoint URL,URL, and the client keep working", async () => {
    const kubeconfig = join(dir.dir, "ha.kubeconfig");
    const written = cairn(["cluster", "kubeconfig", "-data-dir", dir.dir, "-server", `${a.url},${b.url}`, "-out", kubeconfig], dir.dir);
    assert.equal(written.code, 0, written.stderr);
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n1" }, status: { capacity: { cpu: "8", memory: "16Gi", pods: "110" }, allocatable: { cpu: "8", memory: "16Gi", pods: "110" } } };
    assert.equal((await a.call("POST", "/api/v1/nodes", node)).status, 201);
    if (KUBECTL) {
      const k = spawnSync("kubectl", ["--kubeconfig", kubeconfig, "get", "nodes", "-o", "name"], { encoding: "utf8" });
      assert.equal(k.stdout.trim(), "node/n1", `kubectl reads the kubeconfig (its first server): ${k.stderr}`);
    }
    const client = new HttpClient({ endpoint: [a.url, b.url], token: a.token, ca: a.ca, timeoutMs: 10_000 });
    try {
      await a.kill();
      const viaKubeconfig = cairn(["cluster", "status", "-json", "-kubeconfig", kubeconfig], dir.dir);
      assert.equal(viaKubeconfig.code, 0, viaKubeconfig.stderr);
      assert.deepEqual((JSON.parse(viaKubeconfig.stdout) as { nodes: { name: string }[] }).nodes.map((n) => n.name), ["n1"]);
      const viaFlags = cairn(["cluster", "status", "-endpoint", `${a.url},${b.url}`, "-token", a.token], dir.dir, { CAIRN_CLUSTER_CA_FILE: join(dir.dir, "ca.crt") });
      assert.equal(viaFlags.code, 0, viaFlags.stderr);
      assert.match(viaFlags.stdout, /n1/);
      const cm = await client.create(configMap("after-kill", { k: "v" }));
      assert.equal((await client.get("ConfigMap", "after-kill", "default")).metadata.uid, cm.metadata.uid);
      await b.kill();
      const none = cairn(["cluster", "status", "-kubeconfig", kubeconfig], dir.dir);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /cannot reach the cluster at any of https:\/\/127\.0\.0\.1:\d+, https:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await client.close();
    }
  });
});
