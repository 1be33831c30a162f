// `cairn cluster pod probe`: sets a pod's simulated probe results on the embedded core of a working directory.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { clusterCommand } from "../../cmd/commands/cluster.js";
import type { CommandContext } from "../../cmd/registry.js";
import { connect } from "../../cluster/index.js";
import type { Pod } from "../../cluster/objects/index.js";
import { Harness, tempDir } from "../providers/cluster/support.js";

async function cairnCluster(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d: Buffer) => (stdout += d.toString()));
  err.on("data", (d: Buffer) => (stderr += d.toString()));
  const ctx: CommandContext = { cwd, stdin: new PassThrough(), stdout: out, stderr: err, env: {} };
  const code = await clusterCommand.run(args, ctx);
  return { code, stdout, stderr };
}

describe("cairn cluster pod probe", () => {
  const tmp = tempDir("cairn-cluster-pod-");

  before(async () => {
    const h = await Harness.open({}, { cwd: tmp.dir });
    await h.converge("cluster_node", { name: "n1", cpu: "2", memory: "4Gi" });
    await h.close();
    const c = connect({ mode: "embedded", dataDir: `${tmp.dir}/.cairn/cluster` });
    const probe = { httpGet: { path: "/", port: 80 } };
    const pod: Pod = {
      apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" },
      spec: { containers: [{ name: "app", image: "nginx", readinessProbe: probe, livenessProbe: probe }, { name: "sidecar", image: "envoy" }] },
    };
    await c.client.create(pod);
    await c.core?.waitIdle();
    await c.client.close();
  });
  after(() => tmp.remove());

  it("sets readiness and records liveness failures, printing the outcome", async () => {
    const steps: [string[], number, RegExp][] = [
      [["pod", "probe", "-liveness", "fail", "web"], 0, /^pod\/web NotReady; restarts: app=1 sidecar=0\n$/],
      [["pod", "probe", "-readiness", "pass", "web"], 0, /^pod\/web Ready; restarts: app=1 sidecar=0\n$/],
      [["pod", "probe", "-readiness", "fail", "-container", "app", "web"], 0, /^pod\/web NotReady; /],
      [["pod", "probe", "-readiness", "pass", "-container", "app", "-liveness", "fail", "web"], 0, /^pod\/web Ready; restarts: app=2 sidecar=0\n$/],
    ];
    for (const [args, code, out] of steps) {
      const r = await cairnCluster(tmp.dir, args);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stdout, out, args.join(" "));
    }
  });

  it("rejects what it cannot do with a message", async () => {
    const cases: [string[], RegExp][] = [
      [["pod", "probe", "web"], /^Usage: cairn cluster pod probe \[-namespace NS\]/],
      [["pod", "restart", "web"], /^Usage: cairn cluster pod probe \[-namespace NS\]/],
      [["pod", "probe", "-readiness", "maybe", "web"], /-readiness must be pass or fail; got "maybe"/],
      [["pod", "probe", "-liveness", "pass", "web"], /-liveness takes fail/],
      [["pod", "probe", "-readiness", "pass", "nope"], /Error from server \(NotFound\): pods "nope" not found/],
      [["pod", "probe", "-readiness", "pass", "-container", "db", "web"], /pod "web" has no container "db"/],
    ];
    for (const [args, err] of cases) {
      const r = await cairnCluster(tmp.dir, args);
      assert.equal(r.code, 1, args.join(" "));
      assert.match(r.stderr, err, args.join(" "));
    }
  });
});
