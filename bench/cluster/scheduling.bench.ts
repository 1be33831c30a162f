// Scheduling benchmark: 5,000 nodes, then workloads totalling 10,000 replicas (plain, zone-spread, hostname
// anti-affinity, node-selected, tolerating a tainted pool), through the real core: Deployment controller
// creates the pods, the scheduler binds them in batched transactions, the kubelet marks them Running.
// Throughput is measured from the first pod created to the last pod bound. Bars: >= 1,000 pods/s, RSS < 600 MB.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClusterCore } from "../../cluster/controllers/index.js";
import type { Pod } from "../../cluster/objects/index.js";
import { parseMilli } from "../../cluster/objects/index.js";
import { makeDeployment, makeNode } from "./workload.js";

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const REPLICAS = Number(process.env.BENCH_PODS ?? 10000);
const BAR_PODS_PER_S = 1000;
const BAR_RSS_MB = 600;
const PEER_PODS_PER_S = 270;
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-sched-"));
  let peakRss = process.memoryUsage().rss;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  try {
    const core = ClusterCore.open(dir);
    const t0 = performance.now();
    for (let i = 0; i < NODES; i++) core.registry.create("Node", undefined, makeNode(i));
    await core.waitIdle();
    const tNodes = performance.now();
    let firstPod = 0;
    let lastBound = 0;
    let bound = 0;
    let events = 0;
    const seenBound = new Set<string>();
    core.store.watch({ kind: "Pod" }, undefined, (e) => {
      if (++events % 2000 === 0) sample();
      if (e.type === "ADDED" && firstPod === 0) firstPod = performance.now();
      const p = e.object as Pod;
      if (e.type !== "DELETED" && p.spec.nodeName && !seenBound.has(p.metadata.name)) {
        seenBound.add(p.metadata.name);
        bound++;
        if (bound === REPLICAS) lastBound = performance.now();
      }
    });
    const perDeployment = 100;
    for (let i = 0; i * perDeployment < REPLICAS; i++) core.registry.create("Deployment", "default", makeDeployment(i, Math.min(perDeployment, REPLICAS - i * perDeployment)));
    await core.waitIdle();
    sample();
    const pods = core.store.scan("Pod") as Pod[];
    const pending = pods.filter((p) => !p.spec.nodeName);
    const running = pods.filter((p) => p.status?.phase === "Running").length;
    // Sanity: no node is over-committed on cpu.
    const used = new Map<string, number>();
    for (const p of pods) if (p.spec.nodeName) used.set(p.spec.nodeName, (used.get(p.spec.nodeName) ?? 0) + parseMilli(p.spec.containers[0]!.resources!.requests!.cpu!));
    const over = [...used.values()].filter((m) => m > 8000).length;
    core.close();
    if (pending.length > 0 || lastBound === 0) {
      console.error(`FAIL: ${pending.length} pods not placed, e.g. ${pending[0]?.status?.conditions?.[0]?.message}`);
      process.exit(1);
    }
    const seconds = (lastBound - firstPod) / 1000;
    const rate = REPLICAS / seconds;
    const rssMb = peakRss / 2 ** 20;
    console.log(`cluster scheduling: ${NODES} nodes (created in ${((tNodes - t0) / 1000).toFixed(2)} s), ${REPLICAS} replicas in ${Math.ceil(REPLICAS / perDeployment)} deployments`);
    console.log(`  first pod created -> all ${REPLICAS} placed: ${seconds.toFixed(2)} s = ${rate.toFixed(0)} pods/s (bar >= ${BAR_PODS_PER_S})`);
    console.log(`  peer: Kubernetes scheduler_perf floor for 5,000 nodes / 10k pods = ${PEER_PODS_PER_S} pods/s; ratio ${(rate / PEER_PODS_PER_S).toFixed(1)}x`);
    console.log(`  running: ${running}/${REPLICAS}; over-committed nodes: ${over}; peak RSS ${rssMb.toFixed(0)} MB (bar < ${BAR_RSS_MB} MB)`);
    const ok = rate >= BAR_PODS_PER_S && rssMb < BAR_RSS_MB && over === 0 && running === REPLICAS;
    if (!ok) {
      console.error("FAIL: under the bar");
      process.exit(1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
