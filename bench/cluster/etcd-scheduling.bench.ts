// Scheduling on etcd (issue 14): the scheduling benchmark's cluster (5,000 nodes, 10,000 replicas in
// deployments of 100 with mixed constraints, workload.ts) on a 3-member etcd on loopback, the core holding the
// controllers' lease: the Deployment and ReplicaSet controllers create the pods, the scheduler binds them, each
// controller pass committed as etcd transactions. Throughput from the first pod created to the last pod bound,
// printed beside the same run on the embedded SQLite store. Bar: >= 500 pods/s on etcd (kube-scheduler's
// scheduler_perf floor on real etcd is 270 pods/s).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ClusterCore } from "../../cluster/controllers/index.js";
import { runWrite } from "../../cluster/api/staged-writes.js";
import { startLocalEtcd } from "../../cluster/etcd-local.js";
import type { Pod } from "../../cluster/objects/index.js";
import { makeDeployment, makeNode } from "./workload.js";

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const REPLICAS = Number(process.env.BENCH_PODS ?? 10000);
const PER_DEPLOYMENT = 100;
const BAR_PODS_PER_S = 500;
const PEER_PODS_PER_S = 270;
/** Objects per request while setting up (one etcd transaction each). */
const SETUP_CHUNK = 250;

interface Figure {
  seconds: number;
  rate: number;
  pending: number;
  running: number;
}

async function measure(core: ClusterCore): Promise<Figure> {
  const create = async (kind: string, namespace: string | undefined, objects: object[]) => {
    for (let i = 0; i < objects.length; i += SETUP_CHUNK) {
      const chunk = objects.slice(i, i + SETUP_CHUNK);
      await runWrite(core.registry.store, () => chunk.map((o) => core.registry.create(kind, namespace, o)));
    }
  };
  await create("Node", undefined, Array.from({ length: NODES }, (_, i) => makeNode(i)));
  await core.waitIdle();
  let firstPod = 0;
  let lastBound = 0;
  const seenBound = new Set<string>();
  const stop = core.store.watch({ kind: "Pod" }, undefined, (e) => {
    if (e.type === "ADDED" && firstPod === 0) firstPod = performance.now();
    const p = e.object as Pod;
    if (e.type !== "DELETED" && p.spec.nodeName && !seenBound.has(p.metadata.name)) {
      seenBound.add(p.metadata.name);
      if (seenBound.size === REPLICAS) lastBound = performance.now();
    }
  });
  const deployments = Array.from({ length: Math.ceil(REPLICAS / PER_DEPLOYMENT) }, (_, i) => makeDeployment(i, Math.min(PER_DEPLOYMENT, REPLICAS - i * PER_DEPLOYMENT)));
  await create("Deployment", "default", deployments);
  const deadline = Date.now() + 600_000;
  while (lastBound === 0 && Date.now() < deadline) {
    await core.waitIdle();
    if (lastBound === 0) await new Promise((r) => setTimeout(r, 50));
  }
  await core.waitIdle();
  stop();
  const pods = core.store.scan("Pod") as Pod[];
  const seconds = (lastBound - firstPod) / 1000;
  return {
    seconds,
    rate: lastBound === 0 ? 0 : REPLICAS / seconds,
    pending: pods.filter((p) => !p.spec.nodeName).length,
    running: pods.filter((p) => p.status?.phase === "Running").length,
  };
}

async function onSqlite(): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-sched-sqlite-"));
  try {
    const core = ClusterCore.open(dir);
    try {
      return await measure(core);
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onEtcd(): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-sched-etcd-"));
  const etcd = await startLocalEtcd({ dataDir: join(dir, "etcd"), members: 3 });
  try {
    const core = await ClusterCore.openEtcd({ etcd: { endpoints: etcd.endpoints, requestTimeoutMs: 30_000 } });
    try {
      const deadline = Date.now() + 30_000;
      while (!core.isLeader() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (!core.isLeader()) throw new Error("the core did not take the controllers' lease");
      return await measure(core);
    } finally {
      await core.close();
    }
  } finally {
    await etcd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each store runs in a process of its own (BENCH_ONLY=etcd|sqlite), so neither inherits the other's heap. */
function inChild(store: "etcd" | "sqlite"): Figure {
  const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_ONLY: store }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 900_000 });
  const line = r.stdout.split("\n").find((l) => l.startsWith("{"));
  if (r.status !== 0 || !line) throw new Error(`the ${store} run failed (exit ${r.status}): ${r.stdout}`);
  return JSON.parse(line) as Figure;
}

const only = process.env.BENCH_ONLY;
if (only === "etcd" || only === "sqlite") {
  process.stdout.write(`${JSON.stringify(only === "etcd" ? await onEtcd() : await onSqlite())}\n`);
} else {
  const etcd = inChild("etcd");
  const sqlite = inChild("sqlite");
  const line = (name: string, f: Figure) => `  ${name}: all ${REPLICAS} placed in ${f.seconds.toFixed(2)} s = ${f.rate.toFixed(0)} pods/s; running ${f.running}/${REPLICAS}, pending ${f.pending}`;
  console.log(`cluster scheduling on etcd: ${NODES} nodes, ${REPLICAS} replicas in ${Math.ceil(REPLICAS / PER_DEPLOYMENT)} deployments (each store in its own process)`);
  console.log(line("etcd, 3 members on loopback", etcd) + ` (bar >= ${BAR_PODS_PER_S})`);
  console.log(line("SQLite (embedded default)  ", sqlite));
  console.log(`  etcd / SQLite: ${(etcd.rate / sqlite.rate).toFixed(2)}x; etcd / kube-scheduler's scheduler_perf floor (${PEER_PODS_PER_S} pods/s): ${(etcd.rate / PEER_PODS_PER_S).toFixed(1)}x`);
  if (etcd.rate < BAR_PODS_PER_S || etcd.pending > 0 || etcd.running !== REPLICAS) {
    console.error("FAIL: under the bar");
    process.exitCode = 1;
  }
}
