// Reliability test 1 of issue 14: a 3-member etcd and 2 API servers (real processes); `cairn apply` of
// examples/cluster-basic scaled up (web_replicas 6 -> 12) through both servers (CAIRN_CLUSTER_ENDPOINT=A,B),
// while one etcd member is killed (-9) and restarted and the leading API server is killed (-9). The apply
// completes; every object exists once (each controller's pods exactly its replicas); no pod was bound twice
// (one Scheduled event per pod, count 1); a second plan is empty. Every process is killed in `after`.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ETCD_MISSING, startTestEtcd, testPrefix, type TestEtcd } from "./helpers/etcd.js";
import { startServer, until, type ServerProcess } from "./helpers/etcd-servers.js";
import { tempDir } from "./helpers/tmp.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CAIRN = join(ROOT, "bin", "cairn");
const WEB_REPLICAS = 12;

interface Obj { metadata: { name: string; namespace?: string; ownerReferences?: { name: string }[] }; spec?: { nodeName?: string } }
interface Ev { reason: string; count?: number; involvedObject: { name: string } }

describe("apply through 2 API servers on a 3-member etcd while a member and the leading server are killed", { skip: ETCD_MISSING, timeout: 240_000 }, () => {
  let etcd: TestEtcd;
  const tmp = tempDir("cairn-etcd-apply-");
  const servers: ServerProcess[] = [];
  let apply: ChildProcess | undefined;
  before(async () => {
    etcd = await startTestEtcd(3);
  });
  after(async () => {
    if (apply && apply.exitCode === null) apply.kill("SIGKILL");
    for (const s of servers) await s.kill();
    for (const m of etcd?.members ?? []) await m.kill();
    await etcd?.dispose();
    tmp.remove();
  });

  test("the apply completes, every object exists once, no pod is bound twice, a second plan is empty", async (t) => {
    const prefix = testPrefix();
    const core = join(tmp.dir, "core");
    servers.push(await startServer(core, etcd.endpoints, prefix));
    servers.push(await startServer(core, etcd.endpoints, prefix));
    await until("one API server leads", () => servers.some((s) => s.leading()));
    const leader = servers.find((s) => s.leading())!;
    const survivor = servers.find((s) => s !== leader)!;

    const work = join(tmp.dir, "work");
    mkdirSync(work);
    const example = join(ROOT, "examples", "cluster-basic");
    for (const f of readdirSync(example).filter((n) => n.endsWith(".tf"))) copyFileSync(join(example, f), join(work, f));
    writeFileSync(join(work, "terraform.tfvars"), `web_replicas = ${WEB_REPLICAS}\n`);
    // The leader first: the provider starts on the server that is then killed.
    const env = {
      ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", KUBECONFIG: "",
      CAIRN_CLUSTER_ENDPOINT: `${leader.url},${survivor.url}`, CAIRN_CLUSTER_TOKEN: leader.token, CAIRN_CLUSTER_CA_FILE: join(core, "ca.crt"),
    };
    const init = spawnSync(process.execPath, [CAIRN, "init"], { cwd: work, env, encoding: "utf8", timeout: 60_000 });
    assert.equal(init.status, 0, init.stdout + init.stderr);

    apply = spawn(process.execPath, [CAIRN, "apply", "-auto-approve", "-no-color"], { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    apply.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    apply.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => apply!.once("exit", (code) => r(code)));

    // Faults while the apply runs: an etcd member killed and restarted once the first objects exist, then the
    // leading API server killed before the workloads are rolled out.
    await until("the apply has created its first object", () => /Creation complete/.test(out) || apply!.exitCode !== null, 120_000);
    const member = etcd.members[1]!;
    await member.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 1_000));
    member.start();
    await until("the apply creates a workload", () => /cluster_workload\.\w+: Creating/.test(out) || apply!.exitCode !== null, 120_000);
    const killedMidApply = apply.exitCode === null;
    await leader.kill();
    const code = await exited;
    assert.equal(code, 0, `apply failed:\n${out}\n${err}`);
    assert.ok(killedMidApply, "the leading server was killed while the apply ran");
    assert.match(out, /Apply complete! Resources: 12 added, 0 changed, 0 destroyed\./);
    t.diagnostic(`apply output tail: ${out.trim().split("\n").slice(-2).join(" | ")}`);

    await until("the survivor leads", () => survivor.leading(), 30_000);
    const list = async (path: string): Promise<Obj[]> => {
      const r = await survivor.call("GET", path);
      assert.equal(r.status, 200, r.text);
      return (JSON.parse(r.text) as { items: Obj[] }).items;
    };
    const names = (items: Obj[]) => items.map((o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`);
    const once = (items: Obj[], what: string) => assert.equal(new Set(names(items)).size, items.length, `${what} exist once each: ${names(items).join(", ")}`);
    const nodes = await list("/api/v1/nodes");
    assert.deepEqual(names(nodes).sort(), ["/gpu-1", "/pool-1", "/pool-2", "/pool-3"]);
    for (const [path, count] of [["/apis/apps/v1/namespaces/app/deployments", 2], ["/apis/apps/v1/namespaces/app/statefulsets", 1], ["/apis/apps/v1/namespaces/app/daemonsets", 1], ["/api/v1/namespaces/app/services", 1]] as const) {
      const items = await list(path);
      once(items, path);
      assert.equal(items.length, count, `${path}: ${names(items).join(", ")}`);
    }
    const pods = await list("/api/v1/namespaces/app/pods");
    once(pods, "pods");
    const prefixCount = (p: string) => pods.filter((o) => o.metadata.name.startsWith(p)).length;
    assert.equal(prefixCount("web-"), WEB_REPLICAS, "the web deployment has exactly its replicas");
    assert.equal(prefixCount("db-"), 2);
    assert.equal(prefixCount("trainer-"), 1);
    assert.equal(prefixCount("log-agent-"), 4, "one log agent per node");
    assert.ok(pods.every((p) => p.spec?.nodeName), "every pod is bound");
    const events = (await list("/api/v1/namespaces/app/events")) as unknown as Ev[];
    const scheduled = events.filter((e) => e.reason === "Scheduled");
    for (const p of pods) {
      const mine = scheduled.filter((e) => e.involvedObject.name === p.metadata.name);
      assert.equal(mine.length, 1, `${p.metadata.name}: one Scheduled event`);
      assert.equal(mine[0]!.count ?? 1, 1, `${p.metadata.name} was bound once`);
    }

    const plan = spawnSync(process.execPath, [CAIRN, "plan", "-detailed-exitcode", "-no-color"], { cwd: work, env, encoding: "utf8", timeout: 120_000 });
    assert.equal(plan.status, 0, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /No changes\./);
  });
});
