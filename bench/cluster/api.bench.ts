// API benchmark: single-object creates (ConfigMaps, then Pods that the scheduler binds) over loopback against a
// served core in a child process, with a few requests in flight. Bars: >= 500 requests/s and p99 < 20 ms.
// Peer figure: Kubernetes' API server SLO is p99 <= 1 s for single-object mutating calls.
// Then `kubectl get pods`' request, the server-side Table of 10,000 pods: bar < 1 s (Kubernetes' list SLO is
// p99 <= 30 s for cluster-scoped lists).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { request } from "node:https";
import { HttpClient } from "../../cluster/api/http-client.js";
import type { KubeObject } from "../../cluster/objects/index.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const BAR_RPS = 500;
const BAR_P99_MS = 20;
const PEER_P99_MS = 1000;
const TABLE_PODS = 10_000;
const BAR_TABLE_MS = 1000;

/** One GET as kubectl sends it for `get pods -A`: a Table; returns the milliseconds to the last byte and the rows. */
function getTable(url: string, token: string, ca: string): Promise<{ ms: number; rows: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(`${url}/api/v1/pods?limit=500000`, { ca, headers: { authorization: `Bearer ${token}`, accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ ms: performance.now() - t0, rows: (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { rows: unknown[] }).rows.length }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

async function run(client: HttpClient, make: (i: number) => KubeObject): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const i = next++;
        if (i >= REQUESTS) return;
        const s = performance.now();
        await client.create(make(i));
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))]!;
  return { rps: REQUESTS / seconds, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1]! };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-api-"));
  const child = spawn(process.execPath, [fileURLToPath(new URL("./serve-child.js", import.meta.url)), dir], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let buf = "";
      child.stdout.on("data", (c: Buffer) => {
        buf += c.toString();
        if (buf.includes("\n")) resolve(buf.slice(0, buf.indexOf("\n")));
      });
      child.on("exit", () => reject(new Error("server exited")));
    });
    const { url, token, ca } = JSON.parse(line) as { url: string; token: string; ca: string };
    const client = new HttpClient({ endpoint: url, token, ca });
    // Nodes so that created pods really get scheduled while the benchmark runs.
    for (let i = 0; i < 50; i++) {
      const cap = { cpu: "64", memory: "256Gi", pods: "250" };
      await client.create({ apiVersion: "v1", kind: "Node", metadata: { name: `n${i}`, labels: { "topology.kubernetes.io/zone": `z${i % 3}` } }, status: { capacity: cap, allocatable: cap } } as KubeObject);
    }
    // Warm-up (JIT, SQLite page cache, keep-alive sockets).
    for (let i = 0; i < 200; i++) await client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `warm-${i}`, namespace: "default" }, data: { k: "v" } } as KubeObject);
    const cms = await run(client, (i) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}`, namespace: "default", labels: { bench: "api" } }, data: { key: `value-${i}`, other: "x".repeat(200) } }) as KubeObject);
    const pods = await run(client, (i) => ({
      apiVersion: "v1", kind: "Pod", metadata: { name: `pod-${i}`, namespace: "default", labels: { app: `a${i % 20}` } },
      spec: { containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "100m", memory: "128Mi" } } }] },
    }) as KubeObject);
    // Fill up to 10,000 pods (8 in flight), then time the Table kubectl asks for.
    let made = REQUESTS;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (made < TABLE_PODS) {
        const i = made++;
        await client.create({ apiVersion: "v1", kind: "Pod", metadata: { name: `pod-${i}`, namespace: "default", labels: { app: `a${i % 20}` } }, spec: { containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "10m", memory: "16Mi" } } }] } } as KubeObject);
      }
    }));
    await getTable(url, token, ca); // warm-up
    const tables = [await getTable(url, token, ca), await getTable(url, token, ca), await getTable(url, token, ca)];
    const table = tables.sort((a, b) => a.ms - b.ms)[1]!;
    await client.close();
    const fmt = (name: string, r: Result) =>
      `  ${name}: ${r.rps.toFixed(0)} requests/s (bar >= ${BAR_RPS}), p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (bar < ${BAR_P99_MS} ms), max ${r.max.toFixed(1)} ms`;
    console.log(`cluster API: ${REQUESTS} single-object creates per kind over loopback, ${CONCURRENCY} in flight, server in its own process`);
    console.log(fmt("ConfigMap", cms));
    console.log(fmt("Pod (scheduled + marked Running meanwhile)", pods));
    const worst = Math.max(cms.p99, pods.p99);
    console.log(`  peer: Kubernetes API server SLO, p99 <= ${PEER_P99_MS} ms for single-object mutations; ratio ${(PEER_P99_MS / worst).toFixed(0)}x below it`);
    console.log(`  get pods as a Table: ${table.rows} rows in ${table.ms.toFixed(0)} ms (median of 3; bar < ${BAR_TABLE_MS} ms)`);
    if (Math.min(cms.rps, pods.rps) < BAR_RPS || worst >= BAR_P99_MS || table.ms >= BAR_TABLE_MS || table.rows < TABLE_PODS) {
      console.error("FAIL: under the bar");
      process.exitCode = 1;
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.on("exit", r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
