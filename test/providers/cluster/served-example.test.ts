// Acceptance point 3 of issue 13: the quick start (examples/cluster-basic) applied by the `cairn` CLI to a
// served core (`cairn cluster serve`, a separate process) through the kubeconfig `cairn cluster kubeconfig`
// writes (`config_path`): plan, apply, a no-op plan, the objects seen by the real kubectl, destroy. Nothing is
// created in the working directory's embedded core.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cairnBin, repoRoot, run } from "../plugin/support.js";
import { tempDir } from "./support.js";

const KUBECTL = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

describe("the quick start applied to a served core through a kubeconfig", () => {
  const tmp = tempDir("cairn-served-example-");
  const work = join(tmp.dir, "work");
  const kubeconfig = join(tmp.dir, "kubeconfig.yaml");
  const env = { TF_CLI_CONFIG_FILE: "/dev/null", KUBECONFIG: "" };
  let server: ChildProcess | undefined;
  const cairn = (...args: string[]) => run(cairnBin, args, work, env);

  before(async () => {
    server = spawn(process.execPath, [cairnBin, "cluster", "serve", "-port", "0", "-data-dir", "core"], { cwd: tmp.dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    server.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    for (let i = 0; i < 400 && !/Press Ctrl-C/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /serving at https:\/\/127\.0\.0\.1:\d+ \(TLS\)/);
    const written = spawnSync(process.execPath, [cairnBin, "cluster", "kubeconfig", "-data-dir", "core", "-out", kubeconfig], { cwd: tmp.dir, encoding: "utf8" });
    assert.equal(written.status, 0, written.stderr);
    mkdirSync(work);
    const example = join(repoRoot, "examples", "cluster-basic");
    for (const f of readdirSync(example).filter((n) => n.endsWith(".tf"))) copyFileSync(join(example, f), join(work, f));
    writeFileSync(join(work, "provider.tf"), `provider "cluster" {\n  config_path = ${JSON.stringify(kubeconfig)}\n}\n`);
  });

  after(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    tmp.remove();
  });

  it("plans, applies, plans no change, is seen by kubectl, and destroys", async (t) => {
    const init = await cairn("init");
    assert.equal(init.code, 0, init.stdout + init.stderr);
    const plan = await cairn("plan", "-detailed-exitcode");
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /Plan: 12 to add, 0 to change, 0 to destroy\./);
    const apply = await cairn("apply", "-auto-approve");
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.match(apply.stdout, /Apply complete! Resources: 12 added, 0 changed, 0 destroyed\./);
    const noop = await cairn("plan", "-detailed-exitcode");
    assert.equal(noop.code, 0, noop.stdout + noop.stderr);
    assert.match(noop.stdout, /No changes\. Your infrastructure matches the configuration\./);
    assert.equal(existsSync(join(work, ".cairn", "cluster")), false, "the served core holds the objects, not an embedded one");
    if (KUBECTL) {
      const kubectl = (...args: string[]) => run("kubectl", ["--kubeconfig", kubeconfig, ...args], work, env);
      const nodes = await kubectl("get", "nodes");
      assert.equal(nodes.code, 0, nodes.stderr);
      assert.match(nodes.stdout, /gpu-1\s+Ready[\s\S]*pool-1\s+Ready[\s\S]*pool-3\s+Ready/);
      const workloads = await kubectl("get", "deployments,statefulsets,daemonsets,services", "-n", "app");
      assert.equal(workloads.code, 0, workloads.stderr);
      assert.match(workloads.stdout, /deployment\.apps\/web\s+6\/6/);
      assert.match(workloads.stdout, /statefulset\.apps\/db\s+2\/2/);
      const pods = await kubectl("get", "pods", "-n", "app", "-o", "name");
      assert.equal(pods.stdout.trim().split("\n").filter((l) => l.startsWith("pod/web-")).length, 6);
    } else {
      t.diagnostic("kubectl is not on the PATH (.ci/run installs it): the objects were not checked with kubectl");
    }
    const destroy = await cairn("destroy", "-auto-approve");
    assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
    assert.match(destroy.stdout, /Destroy complete! Resources: 12 destroyed\./);
    if (KUBECTL) {
      const left = await run("kubectl", ["--kubeconfig", kubeconfig, "get", "nodes", "-o", "name"], work, env);
      assert.equal(left.stdout.trim(), "");
    }
  });
});
