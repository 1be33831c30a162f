// API creates on etcd (issue 14): single-object creates offered at a fixed 500 requests/s (open loop: each
// request's latency counts from when it was due, so a stall is not hidden by sending less), alternating between
// 2 API servers (each its own process) on a 3-member etcd on loopback; ConfigMaps, then Pods that the leading
// server's scheduler binds meanwhile. Printed beside the same load on one server over the embedded SQLite
// store. Bar: p99 < 50 ms on etcd. The servers' CPU time per create is printed too: it does not grow with the
// machine's load as latencies do (etcd's own CPU is not in it).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpClient } from "../../cluster/api/http-client.js";
import { startLocalEtcd } from "../../cluster/etcd-local.js";
import type { KubeObject } from "../../cluster/objects/index.js";

const RATE = Number(process.env.BENCH_RATE ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const MAX_IN_FLIGHT = 256;
const BAR_P99_MS = 50;

interface Served {
  url: string;
  token: string;
  ca: string;
}

interface Result {
  /** Server CPU time per create (all servers together), ms. */
  cpuPerRequest: number;
  offered: number;
  achieved: number;
  p50: number;
  p99: number;
  max: number;
}

interface Child {
  child: ChildProcess;
  served: Served;
  /** The server process's CPU time so far (user + system), in ms. */
  cpuMs(): Promise<number>;
}

function startChild(script: string, args: string[]): Promise<Child> {
  // BENCH_PROFILE=DIR: each server writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buf = "";
  child.stdout!.on("data", (c: Buffer) => {
    buf += c.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => (lines.length > 0 ? resolve(lines.shift()!) : waiting.push(resolve)));
  return new Promise((resolve, reject) => {
    child.on("exit", () => reject(new Error(`${script} exited before serving`)));
    void nextLine().then((line) => resolve({
      child,
      served: JSON.parse(line) as Served,
      cpuMs: async () => {
        child.kill("SIGUSR2");
        return (JSON.parse(await nextLine()) as { cpuMs: number }).cpuMs;
      },
    }));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

/** `REQUESTS` creates due every 1/RATE s, round-robin over the clients; latency from each one's due time. */
async function openLoop(clients: HttpClient[], servers: Child[], make: (i: number) => KubeObject): Promise<Result> {
  const cpuBefore = await totalCpu(servers);
  const latencies: number[] = [];
  const interval = 1000 / RATE;
  const t0 = performance.now();
  let next = 0;
  let inFlight = 0;
  let failures = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < REQUESTS && t0 + next * interval <= now && inFlight < MAX_IN_FLIGHT) {
        const i = next++;
        const due = t0 + i * interval;
        inFlight++;
        void clients[i % clients.length]!.create(make(i)).then(
          () => latencies.push(performance.now() - due),
          () => failures++,
        ).finally(() => {
          inFlight--;
          if (next >= REQUESTS && inFlight === 0) resolve();
        });
      }
      if (next < REQUESTS) setTimeout(tick, 1);
    };
    tick();
  });
  if (failures > 0) throw new Error(`${failures} creates failed`);
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))]!;
  const cpuPerRequest = ((await totalCpu(servers)) - cpuBefore) / REQUESTS;
  return { cpuPerRequest, offered: RATE, achieved: REQUESTS / seconds, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1]! };
}

async function totalCpu(servers: Child[]): Promise<number> {
  let sum = 0;
  for (const s of servers) sum += await s.cpuMs();
  return sum;
}

async function load(clients: HttpClient[], servers: Child[]): Promise<{ cms: Result; pods: Result }> {
  const first = clients[0]!;
  for (let i = 0; i < 50; i++) {
    const cap = { cpu: "64", memory: "256Gi", pods: "250" };
    await first.create({ apiVersion: "v1", kind: "Node", metadata: { name: `n${i}`, labels: { "topology.kubernetes.io/zone": `z${i % 3}` } }, status: { capacity: cap, allocatable: cap } } as KubeObject);
  }
  // Warm-up (JIT, keep-alive sockets to each server).
  for (let i = 0; i < 200; i++) await clients[i % clients.length]!.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `warm-${i}`, namespace: "default" }, data: { k: "v" } } as KubeObject);
  const cms = await openLoop(clients, servers, (i) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}`, namespace: "default", labels: { bench: "api" } }, data: { key: `value-${i}`, other: "x".repeat(200) } }) as KubeObject);
  const pods = await openLoop(clients, servers, (i) => ({
    apiVersion: "v1", kind: "Pod", metadata: { name: `pod-${i}`, namespace: "default", labels: { app: `a${i % 20}` } },
    spec: { containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "100m", memory: "128Mi" } } }] },
  }) as KubeObject);
  return { cms, pods };
}

/** Creates succeed once the leading replica's controllers have made the default namespace. */
async function ready(client: HttpClient): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await client.get("Namespace", "default");
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function onEtcd(): Promise<{ cms: Result; pods: Result }> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-api-etcd-"));
  const etcd = await startLocalEtcd({ dataDir: join(dir, "etcd"), members: 3 });
  const children: Child[] = [];
  const clients: HttpClient[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const c = await startChild("./etcd-serve-child.js", [join(dir, "core"), etcd.endpoints.join(","), "/cairn/registry/"]);
      children.push(c);
      clients.push(new HttpClient({ endpoint: c.served.url, token: c.served.token, ca: c.served.ca }));
    }
    await ready(clients[0]!);
    return await load(clients, children);
  } finally {
    for (const c of clients) await c.close();
    for (const c of children) await stopChild(c.child);
    await etcd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onSqlite(): Promise<{ cms: Result; pods: Result }> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-api-sqlite-"));
  const server = await startChild("./serve-child.js", [dir]);
  const client = new HttpClient({ endpoint: server.served.url, token: server.served.token, ca: server.served.ca });
  try {
    await ready(client);
    return await load([client], [server]);
  } finally {
    await client.close();
    await stopChild(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

const etcd = await onEtcd();
const sqlite = await onSqlite();
const fmt = (r: Result) => `${r.achieved.toFixed(0)}/${r.offered} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(0)} ms, server CPU ${r.cpuPerRequest.toFixed(2)} ms/create`;
console.log(`cluster API on etcd: ${REQUESTS} creates per kind offered at ${RATE} req/s (open loop)`);
console.log(`  ConfigMap  etcd (2 servers, 3 members): ${fmt(etcd.cms)} (bar p99 < ${BAR_P99_MS} ms)`);
console.log(`             SQLite (1 server):           ${fmt(sqlite.cms)}; p99 etcd / SQLite ${(etcd.cms.p99 / sqlite.cms.p99).toFixed(1)}x`);
console.log(`  Pod        etcd (2 servers, 3 members): ${fmt(etcd.pods)} (bar p99 < ${BAR_P99_MS} ms)`);
console.log(`             SQLite (1 server):           ${fmt(sqlite.pods)}; p99 etcd / SQLite ${(etcd.pods.p99 / sqlite.pods.p99).toFixed(1)}x`);
if (Math.max(etcd.cms.p99, etcd.pods.p99) >= BAR_P99_MS) {
  console.error("FAIL: under the bar");
  process.exitCode = 1;
}
