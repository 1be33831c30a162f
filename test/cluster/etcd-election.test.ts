// Leader election on etcd leases with real processes: a killed leader is replaced once its lease expires, and
// a paused leader (SIGSTOP: a long GC pause, a partition) stops acting on waking; the record of what each replica
// did (fenced writes, ordered by revision) never interleaves two leaders.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { EtcdStore } from "../../cluster/store/etcd-store.js";
import { ETCD_MISSING, startTestEtcd, testPrefix, type TestEtcd } from "./helpers/etcd.js";

const CHILD = fileURLToPath(new URL("./helpers/elect-child.js", import.meta.url));
const TIMING = { lease: 3_000, renew: 2_000, retry: 500 };

interface Replica {
  proc: ChildProcess;
  lines: string[];
  waitFor(line: string, ms: number): Promise<number>;
}

function replica(endpoints: string[], prefix: string, id: string): Replica {
  const proc = spawn(process.execPath, [CHILD, endpoints.join(","), prefix, id, String(TIMING.lease), String(TIMING.renew), String(TIMING.retry)], { stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  let buf = "";
  const waiters: { line: string; done: (at: number) => void }[] = [];
  proc.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of waiters.filter((w) => line.startsWith(w.line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(Date.now());
      }
    }
  });
  return {
    proc,
    lines,
    waitFor: (line, ms) => {
      if (lines.some((l) => l.startsWith(line))) return Promise.resolve(Date.now());
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`replica ${id} did not print "${line}" within ${ms} ms (printed: ${lines.join(" | ")})`)), ms);
        waiters.push({ line, done: (at) => (clearTimeout(t), resolve(at)) });
      });
    },
  };
}

/** Which replica wrote each tick, in revision order. */
async function ticks(etcd: TestEtcd, prefix: string): Promise<string[]> {
  const s = await EtcdStore.open({ endpoints: etcd.endpoints, prefix });
  try {
    return s.list("ConfigMap").items
      .filter((o) => o.metadata.name.startsWith("tick-"))
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((o) => (o as unknown as { data: { id: string } }).data.id);
  } finally {
    await s.close();
  }
}

/** "a,a,a,b,b" -> ["a", "b"]: the leaders in the order they acted; a replica appearing twice acted out of turn. */
function turns(ids: string[]): string[] {
  return ids.filter((id, i) => i === 0 || ids[i - 1] !== id);
}

describe("leader election on etcd leases", { skip: ETCD_MISSING, timeout: 120_000 }, () => {
  let etcd: TestEtcd;
  const procs: ChildProcess[] = [];
  before(async () => {
    etcd = await startTestEtcd(1);
  });
  after(async () => {
    for (const p of procs) {
      if (p.exitCode === null && p.signalCode === null) {
        p.kill("SIGCONT");
        p.kill("SIGKILL");
      }
    }
    await etcd?.dispose();
  });

  test("kill -9 the leader: the other replica takes over once the lease expires, never before", async (t) => {
    const prefix = testPrefix();
    const a = replica(etcd.endpoints, prefix, "a");
    procs.push(a.proc);
    await a.waitFor("leading", 30_000);
    const b = replica(etcd.endpoints, prefix, "b");
    procs.push(b.proc);
    await new Promise((r) => setTimeout(r, TIMING.retry * 3));
    assert.ok(!b.lines.includes("leading"), "a second replica does not lead while the first renews");
    const killedAt = Date.now();
    a.proc.kill("SIGKILL");
    const tookOver = await b.waitFor("leading", 30_000);
    t.diagnostic(`takeover ${tookOver - killedAt} ms after kill -9 (lease duration ${TIMING.lease} ms)`);
    // Loose on purpose (a loaded CI machine): catches a lease that never expires, not a slow tick.
    assert.ok(tookOver - killedAt < TIMING.lease * 5, `takeover took ${tookOver - killedAt} ms`);
    await new Promise((r) => setTimeout(r, 300));
    b.proc.kill("SIGKILL");
    const order = turns(await ticks(etcd, prefix));
    assert.deepEqual(order, ["a", "b"]);
  });

  test("a paused leader (SIGSTOP) stops acting on waking; two replicas never act at the same time", async () => {
    const prefix = testPrefix();
    const a = replica(etcd.endpoints, prefix, "a");
    procs.push(a.proc);
    await a.waitFor("leading", 30_000);
    const b = replica(etcd.endpoints, prefix, "b");
    procs.push(b.proc);
    await new Promise((r) => setTimeout(r, 300));
    a.proc.kill("SIGSTOP");
    await b.waitFor("leading", 30_000);
    await new Promise((r) => setTimeout(r, 300));
    a.proc.kill("SIGCONT");
    await a.waitFor("stopped", 10_000);
    await new Promise((r) => setTimeout(r, TIMING.retry * 2));
    a.proc.kill("SIGKILL");
    b.proc.kill("SIGKILL");
    const order = turns(await ticks(etcd, prefix));
    assert.deepEqual(order, ["a", "b"], "a acted only before b started, never after");
    assert.ok(!b.lines.some((l) => l.startsWith("stopped")), "b kept leading");
  });
});
