// `cairn cluster status|get|node fail|node recover` on the embedded core of a working directory, and
// `cairn cluster serve` as a real process used through -endpoint/-token, stopped by SIGTERM.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { clusterCommand } from "../../cmd/commands/cluster.js";
import type { CommandContext } from "../../cmd/registry.js";
import { Harness, tempDir } from "../providers/cluster/support.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cairnCluster(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d: Buffer) => (stdout += d.toString()));
  err.on("data", (d: Buffer) => (stderr += d.toString()));
  const ctx: CommandContext = { cwd, stdin: new PassThrough(), stdout: out, stderr: err, env };
  const code = await clusterCommand.run(args, ctx);
  return { code, stdout, stderr };
}

describe("cairn cluster (embedded)", () => {
  const tmp = tempDir("cairn-cluster-cli-");

  before(async () => {
    // A working directory whose .cairn/cluster holds 3 nodes and a 3-replica, one-per-node deployment.
    const h = await Harness.open({}, { cwd: tmp.dir });
    for (const [name, zone] of [["n1", "a"], ["n2", "a"], ["n3", "b"]] as const) await h.converge("cluster_node", { name, cpu: "2", memory: "4Gi", zone });
    await h.converge("cluster_workload", { kind: "deployment", name: "web", image: "nginx", replicas: 3, cpu_request: "500m", memory_request: "1Gi", anti_affinity_hostname: true, timeouts: { create: "20s" } });
    await h.close();
  });
  after(() => tmp.remove());

  it("status shows nodes with allocation bars and pods per node", async () => {
    const r = await cairnCluster(tmp.dir, ["status"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Nodes: 3\/3 ready {3}Pods: 3 running, 0 pending\n/);
    assert.match(r.stdout, /n1 +Ready +zone=a +pods 1\/110\n +cpu \[#####\.{15}\] +25% +500m\/2\n +mem \[#####\.{15}\] +25% +1Gi\/4Gi/);
  });

  it("status -json is the status view", async () => {
    const r = await cairnCluster(tmp.dir, ["status", "-json"]);
    const view = JSON.parse(r.stdout) as { nodes: { name: string; pods: { count: number } }[]; totals: { runningPods: number } };
    assert.deepEqual(view.nodes.map((n) => [n.name, n.pods.count]), [["n1", 1], ["n2", 1], ["n3", 1]]);
    assert.equal(view.totals.runningPods, 3);
  });

  it("get lists objects of a kind and shows one", async () => {
    const nodes = await cairnCluster(tmp.dir, ["get", "nodes"]);
    assert.match(nodes.stdout, /^NAME +STATUS +AGE\nn1 +Ready +\d+s\nn2 +Ready/);
    const deploy = await cairnCluster(tmp.dir, ["get", "deploy", "web", "-json"]);
    assert.equal((JSON.parse(deploy.stdout) as { spec: { replicas: number } }).spec.replicas, 3);
    const missing = await cairnCluster(tmp.dir, ["get", "pods", "nope"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Error from server \(NotFound\): pods "nope" not found/);
    const unknownKind = await cairnCluster(tmp.dir, ["get", "widgets"]);
    assert.match(unknownKind.stderr, /the server doesn't have a resource type "widgets"/);
  });

  it("node fail leaves a one-per-node replica pending with the scheduler's reason; recover places it again", async () => {
    const fail = await cairnCluster(tmp.dir, ["node", "fail", "n2"]);
    assert.equal(fail.code, 0, fail.stderr);
    assert.match(fail.stdout, /^node\/n2 failed: 0 pods on it, 1 pods pending in the cluster\n/);
    assert.match(fail.stdout, /default\/web-\S+: 0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/unreachable: \}, 2 node\(s\) didn't match pod anti-affinity rules\./);
    const status = await cairnCluster(tmp.dir, ["status"]);
    assert.match(status.stdout, /n2 +FAILED/);
    assert.match(status.stdout, /Pending pods:\n {2}default\/web-/);
    const recover = await cairnCluster(tmp.dir, ["node", "recover", "n2"]);
    assert.match(recover.stdout, /^node\/n2 recovered: 1 pods on it, 0 pods pending in the cluster\n$/);
  });

  it("explains its usage", async () => {
    assert.equal((await cairnCluster(tmp.dir, [])).code, 1);
    assert.match((await cairnCluster(tmp.dir, ["node", "explode", "n1"])).stderr, /Usage: cairn cluster node fail\|recover NAME/);
  });
});

describe("cairn cluster serve", () => {
  const tmp = tempDir("cairn-cluster-serve-");
  after(() => tmp.remove());

  it("refuses a malformed -service-node-port-range before serving", async () => {
    for (const bad of ["32767-30000", "ports", "0-100"]) {
      const r = await cairnCluster(tmp.dir, ["serve", "-port", "0", "-data-dir", "range", "-service-node-port-range", bad]);
      assert.equal(r.code, 1, bad);
      assert.equal(r.stderr, `Error: invalid -service-node-port-range "${bad}": expected a port range such as 30000-32767\n`);
    }
  });

  it("serves TLS on 127.0.0.1, prints the endpoint, token file and kubeconfig, takes -kubeconfig and -endpoint/-token, and stops on SIGTERM", async () => {
    const bin = join(process.cwd(), "bin", "cairn");
    const child = spawn(process.execPath, [bin, "cluster", "serve", "-port", "0", "-data-dir", "served"], { cwd: tmp.dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const deadline = Date.now() + 20_000;
    while (!/Press Ctrl-C/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const url = /serving at (https:\/\/127\.0\.0\.1:\d+) \(TLS\)/.exec(out)?.[1];
    const tokenFile = /token file: +(\S+)/.exec(out)?.[1];
    assert.ok(url && tokenFile, out);
    assert.equal(tokenFile, join(tmp.dir, "served", "token"));
    const { readFileSync } = await import("node:fs");
    const token = readFileSync(tokenFile, "utf8").trim();

    // Two clients at once: the provider (nodes) and the CLI (status, via the environment variables).
    const caFile = join(tmp.dir, "served", "ca.crt");
    const kubeconfig = join(tmp.dir, "kc.yaml");
    const written = await cairnCluster(tmp.dir, ["kubeconfig", "-data-dir", "served", "-out", "kc.yaml"]);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(statSync(kubeconfig).mode & 0o777, 0o600);
    assert.equal(statSync(join(tmp.dir, "served", "ca.key")).mode & 0o777, 0o600);
    assert.equal(statSync(join(tmp.dir, "served", "server.key")).mode & 0o777, 0o600);
    const h = await Harness.open({ config_path: kubeconfig });
    await h.converge("cluster_node", { name: "remote-1", cpu: "2", memory: "2Gi" });
    await h.close();
    const viaEnv = await cairnCluster(tmp.dir, ["status"], { CAIRN_CLUSTER_ENDPOINT: url, CAIRN_CLUSTER_TOKEN: token, CAIRN_CLUSTER_CA_FILE: caFile });
    assert.match(viaEnv.stdout, /remote-1 +Ready/);
    const viaKubeconfig = await cairnCluster(tmp.dir, ["get", "nodes", "-kubeconfig", "kc.yaml"]);
    assert.match(viaKubeconfig.stdout, /remote-1 +Ready/);
    const viaFlags = await cairnCluster(tmp.dir, ["get", "nodes", "-endpoint", url, "-token", token], { CAIRN_CLUSTER_CA_FILE: caFile });
    assert.match(viaFlags.stdout, /remote-1 +Ready/);
    const untrusted = await cairnCluster(tmp.dir, ["get", "nodes", "-endpoint", url, "-token", token]);
    assert.equal(untrusted.code, 1);
    assert.match(untrusted.stderr, /certificate is not trusted/);
    const denied = await cairnCluster(tmp.dir, ["get", "nodes", "-endpoint", url, "-token", "wrong"], { CAIRN_CLUSTER_CA_FILE: caFile });
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /Unauthorized/);

    child.kill("SIGTERM");
    assert.equal(await exited, 0);
    assert.match(out, /Stopped \(SIGTERM\)\./);
  });
});
