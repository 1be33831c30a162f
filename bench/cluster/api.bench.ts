// API benchmark: single-object creates (ConfigMaps, then Pods that the scheduler binds) over loopback against a
// served core in a child process. Issue 13's bars: >= 500 requests/s, and p99 < 20 ms *at 500 requests/s*.
// Two measurements per kind, because they answer different questions:
// - throughput: a closed loop with a few requests in flight (each client sends its next request when the last
//   one is answered), i.e. the server at saturation: requests/s;
// - latency at the offered rate: an open loop that starts one request every 2 ms whatever the answers do
//   (as independent clients would), timing each from the moment it was due, not from when it could be sent,
//   so a stall delays every request behind it in the figure too (no coordinated omission). A closed loop at
//   saturation would measure queueing at full load instead, a different figure.
// Peer figure: Kubernetes' API server SLO is p99 <= 1 s for single-object mutating calls.
// Then `kubectl get pods`' request, the server-side Table of 10,000 pods: bar < 1 s (Kubernetes' list SLO is
// p99 <= 30 s for cluster-scoped lists).
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { request } from "node:https";
import { HttpClient } from "../../cluster/api/http-client.js";
import type { KubeObject } from "../../cluster/objects/index.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** The offered rate of the latency measurement (issue 13: "p99 create < 20 ms at 500 req/s"). */
const RATE = Number(process.env.BENCH_RATE ?? 500);
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

interface Latencies {
  p50: number;
  p99: number;
  max: number;
}

function quantiles(ms: number[]): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!;
  return { p50: q(0.5), p99: q(0.99), max: sorted[sorted.length - 1]! };
}

/** What the server process saw during a phase (bench/cluster/serve-child.ts). */
interface ServerStats {
  requests: number;
  /** The server process's CPU time (all its threads) per request, in ms. */
  cpuPerRequest: number;
  serverP50: number;
  serverP99: number;
  serverMax: number;
  loopDelayP99: number;
  loopDelayMax: number;
}

interface Throughput extends Latencies {
  rps: number;
}

interface AtRate extends Latencies {
  /** The rate the requests were really started at (below RATE only if this process could not keep up). */
  offered: number;
  /** p99 timed from when each request was actually sent (the difference to p99 is this client's own lag). */
  sentP99: number;
  maxInFlight: number;
}

/** Closed loop: CONCURRENCY clients, each sending its next create when the last is answered. */
async function throughput(client: HttpClient, make: (i: number) => KubeObject): Promise<Throughput> {
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
  return { rps: REQUESTS / seconds, ...quantiles(latencies) };
}

/** Open loop: request i is due at i / RATE seconds and is timed from then, however long the earlier ones take. */
async function atRate(client: HttpClient, make: (i: number) => KubeObject): Promise<AtRate> {
  const fromDue: number[] = new Array<number>(REQUESTS);
  const fromSent: number[] = new Array<number>(REQUESTS);
  const interval = 1000 / RATE;
  let sent = 0;
  let answered = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let lastSent = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tick = () => {
      const now = performance.now();
      while (sent < REQUESTS && t0 + sent * interval <= now) {
        const i = sent++;
        const due = t0 + i * interval;
        const s = performance.now();
        lastSent = s;
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        client.create(make(i)).then(() => {
          const end = performance.now();
          fromDue[i] = end - due;
          fromSent[i] = end - s;
          inFlight--;
          if (++answered === REQUESTS) resolve();
        }, reject);
      }
      if (sent < REQUESTS) setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
    };
    tick();
  });
  return { ...quantiles(fromDue), offered: (REQUESTS - 1) / ((lastSent - t0) / 1000), sentP99: quantiles(fromSent).p99, maxInFlight };
}

/** Asks the server for its figures since the last ask (and resets them). */
function serverStats(child: ChildProcessByStdio<null, Readable, null>): Promise<ServerStats> {
  return new Promise((resolve) => {
    let buf = "";
    const onData = (c: Buffer) => {
      buf += c.toString();
      if (!buf.includes("\n")) return;
      child.stdout.off("data", onData);
      resolve(JSON.parse(buf.slice(0, buf.indexOf("\n"))) as ServerStats);
    };
    child.stdout.on("data", onData);
    child.kill("SIGUSR2");
  });
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const fmtServer = (s: ServerStats) =>
  `server: CPU ${ms(s.cpuPerRequest)} per request; time in server p50 ${ms(s.serverP50)}, p99 ${ms(s.serverP99)}, max ${ms(s.serverMax)}; its event loop's delay p99 ${ms(s.loopDelayP99)}, max ${ms(s.loopDelayMax)}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-api-"));
  // BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p" profiles the server process.
  const serverArgs = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter((a) => a !== "");
  const child = spawn(process.execPath, [...serverArgs, fileURLToPath(new URL("./serve-child.js", import.meta.url)), dir], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let buf = "";
      const onData = (c: Buffer) => {
        buf += c.toString();
        if (!buf.includes("\n")) return;
        child.stdout.off("data", onData);
        resolve(buf.slice(0, buf.indexOf("\n")));
      };
      child.stdout.on("data", onData);
      child.on("exit", () => reject(new Error("server exited")));
    });
    const { url, token, ca } = JSON.parse(line) as { url: string; token: string; ca: string };
    const client = new HttpClient({ endpoint: url, token, ca });
    // Nodes so that created pods really get scheduled while the benchmark runs.
    for (let i = 0; i < 50; i++) {
      const cap = { cpu: "64", memory: "256Gi", pods: "250" };
      await client.create({ apiVersion: "v1", kind: "Node", metadata: { name: `n${i}`, labels: { "topology.kubernetes.io/zone": `z${i % 3}` } }, status: { capacity: cap, allocatable: cap } } as KubeObject);
    }
    // Warm-up (JIT, SQLite page cache, keep-alive sockets: 16 open, so the open loop rarely has to handshake).
    let warm = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (warm < 400) await client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `warm-${warm++}`, namespace: "default" }, data: { k: "v" } } as KubeObject);
    }));
    const configMap = (prefix: string) => (i: number) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${prefix}-${i}`, namespace: "default", labels: { bench: "api" } }, data: { key: `value-${i}`, other: "x".repeat(200) } }) as KubeObject;
    const pod = (prefix: string) => (i: number) => ({
      apiVersion: "v1", kind: "Pod", metadata: { name: `${prefix}-${i}`, namespace: "default", labels: { app: `a${i % 20}` } },
      spec: { containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "100m", memory: "128Mi" } } }] },
    }) as KubeObject;
    await serverStats(child);
    const cmRate = await atRate(client, configMap("cm-rate"));
    const cmRateServer = await serverStats(child);
    const cmMax = await throughput(client, configMap("cm"));
    const cmMaxServer = await serverStats(child);
    const podRate = await atRate(client, pod("pod-rate"));
    const podRateServer = await serverStats(child);
    const podMax = await throughput(client, pod("pod"));
    const podMaxServer = await serverStats(child);
    // Fill up to 10,000 pods (8 in flight), then time the Table kubectl asks for.
    let made = 2 * REQUESTS;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (made < TABLE_PODS) {
        const i = made++;
        await client.create({ apiVersion: "v1", kind: "Pod", metadata: { name: `pod-fill-${i}`, namespace: "default", labels: { app: `a${i % 20}` } }, spec: { containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "10m", memory: "16Mi" } } }] } } as KubeObject);
      }
    }));
    await getTable(url, token, ca); // warm-up
    const tables = [await getTable(url, token, ca), await getTable(url, token, ca), await getTable(url, token, ca)];
    const table = tables.sort((a, b) => a.ms - b.ms)[1]!;
    await client.close();
    const fmtRate = (name: string, r: AtRate, s: ServerStats) =>
      `  ${name} at ${RATE} requests/s offered (open loop, started at ${r.offered.toFixed(0)}/s, up to ${r.maxInFlight} in flight): p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (bar < ${BAR_P99_MS} ms), max ${ms(r.max)}; p99 from the actual send ${ms(r.sentP99)}\n    ${fmtServer(s)}`;
    const fmtMax = (name: string, r: Throughput, s: ServerStats) =>
      `  ${name} throughput (closed loop, ${CONCURRENCY} in flight): ${r.rps.toFixed(0)} requests/s (bar >= ${BAR_RPS}); p50 ${ms(r.p50)}, p99 ${ms(r.p99)} at saturation (no bar), max ${ms(r.max)}\n    ${fmtServer(s)}`;
    console.log(`cluster API: ${REQUESTS} single-object creates per kind and measurement over loopback (TLS, keep-alive), server in its own process`);
    console.log(fmtRate("ConfigMap", cmRate, cmRateServer));
    console.log(fmtMax("ConfigMap", cmMax, cmMaxServer));
    console.log(fmtRate("Pod (scheduled + marked Running meanwhile)", podRate, podRateServer));
    console.log(fmtMax("Pod", podMax, podMaxServer));
    const worst = Math.max(cmRate.p99, podRate.p99);
    console.log(`  peer: Kubernetes API server SLO, p99 <= ${PEER_P99_MS} ms for single-object mutations; ratio ${(PEER_P99_MS / worst).toFixed(0)}x below it`);
    console.log(`  get pods as a Table: ${table.rows} rows in ${table.ms.toFixed(0)} ms (median of 3; bar < ${BAR_TABLE_MS} ms)`);
    if (Math.min(cmMax.rps, podMax.rps) < BAR_RPS || worst >= BAR_P99_MS || table.ms >= BAR_TABLE_MS || table.rows < TABLE_PODS) {
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
