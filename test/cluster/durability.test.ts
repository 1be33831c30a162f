import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { HttpClient, ClusterCore, Store } from "../../cluster/index.js";
import type { KubeObject } from "../../cluster/objects/index.js";
import { tempDir } from "./helpers/tmp.js";
import { node } from "./helpers/fixtures.js";

test("kill -9 of a served core under a burst of writes loses no acknowledged write", async () => {
  const t = tempDir();
  const child = spawn(process.execPath, [fileURLToPath(new URL("./helpers/serve-child.js", import.meta.url)), t.dir], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      let buf = "";
      child.stdout.on("data", (c: Buffer) => {
        buf += c.toString();
        if (buf.includes("\n")) resolve(buf.slice(0, buf.indexOf("\n")));
      });
      child.on("exit", () => reject(new Error("the served core exited before printing its endpoint")));
    });
    const { url, token, ca } = JSON.parse(first) as { url: string; token: string; ca: string };
    const client = new HttpClient({ endpoint: url, token, ca, timeoutMs: 5_000 });
    await client.create(node("n1"));
    await client.create(node("n2"));
    const acked: string[] = [];
    let stop = false;
    let killed = false;
    // 16 writers in flight: ConfigMaps and Deployments (the latter make the controllers write pods too).
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        const obj: KubeObject =
          i % 10 === 0
            ? ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "default" }, spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "1m" } } }] } } } } as KubeObject)
            : ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data: { i: String(i) } } as KubeObject);
        try {
          await client.create(obj);
          acked.push(`${obj.kind}/${name}`);
        } catch {
          return; // the server died mid-request: this write was never acknowledged
        }
        if (acked.length >= 1500 && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, w) => writer(w)));
    stop = true;
    await client.close();
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on("exit", r)));
    assert.equal(child.signalCode, "SIGKILL");
    assert.ok(acked.length >= 1500, `acknowledged ${acked.length}`);
    const store = Store.open(t.dir);
    assert.deepEqual(store.checkConsistency(), []);
    const missing = acked.filter((k) => {
      const [kind, name] = k.split("/") as [string, string];
      return !store.get(kind, "default", name);
    });
    store.close();
    assert.deepEqual(missing, [], "every acknowledged object survived");
    // The core reopens on the same directory and converges (deployments get their pods).
    const core = ClusterCore.open(t.dir, { autoReconcile: false });
    assert.equal(core.isLeader(), true, "the killed holder's lease is taken over at once");
    core.reconcile();
    const deployments = core.registry.list("Deployment", "default").items.length;
    const pods = core.registry.list("Pod", "default").items.length;
    assert.equal(pods, deployments * 2);
    core.close();
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    t.remove();
  }
});
