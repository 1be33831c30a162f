// `cairn cluster migrate -from sqlite:DIR -to etcd:...`: an embedded cluster with a Deployment (ReplicaSet,
// pods bound to nodes, owner references) copied into a real etcd, every object and uid kept; a second
// migration into the same prefix is refused.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { ClusterCore } from "../../cluster/controllers/index.js";
import { EtcdStore } from "../../cluster/store/etcd-store.js";
import { KINDS } from "../../cluster/objects/kinds.js";
import { clusterCommand } from "../../cmd/commands/cluster.js";
import type { CommandContext } from "../../cmd/registry.js";
import { node } from "./helpers/fixtures.js";
import { ETCD_MISSING, startTestEtcd, testPrefix, type TestEtcd } from "./helpers/etcd.js";
import { tempDir } from "./helpers/tmp.js";

async function migrate(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d: Buffer) => (stdout += d.toString()));
  err.on("data", (d: Buffer) => (stderr += d.toString()));
  const ctx: CommandContext = { cwd, stdin: new PassThrough(), stdout: out, stderr: err, env: {} };
  const code = await clusterCommand.run(["migrate", ...args], ctx);
  return { code, stdout, stderr };
}

describe("cairn cluster migrate", { skip: ETCD_MISSING, timeout: 120_000 }, () => {
  let etcd: TestEtcd;
  const dir = tempDir("cairn-migrate-");
  before(async () => {
    etcd = await startTestEtcd(1);
  });
  after(async () => {
    await etcd?.dispose();
    dir.remove();
  });

  test("copies every object with its uid and relations; refuses a prefix that is not empty", async () => {
    const core = ClusterCore.open(dir.dir, { autoReconcile: false });
    core.registry.create("Node", undefined, node("n1"));
    core.registry.create("Deployment", "default", {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx" }] } } },
    });
    core.reconcile();
    const source = new Map<string, { uid?: string; owners: string; node?: string }>();
    for (const k of KINDS) {
      for (const o of core.registry.store.list(k.kind).items) {
        source.set(`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`, {
          uid: o.metadata.uid,
          owners: JSON.stringify(o.metadata.ownerReferences ?? []),
          node: (o as { spec?: { nodeName?: string } }).spec?.nodeName,
        });
      }
    }
    await core.close();
    assert.ok([...source.keys()].filter((k) => k.startsWith("Pod/")).length === 3, "the source has its pods");

    const prefix = testPrefix();
    const to = `etcd:${etcd.endpoints.join(",")}`;
    const r = await migrate(dir.dir, ["-from", `sqlite:${dir.dir}`, "-to", to, "-etcd-prefix", prefix]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Migrated ${source.size} objects`));

    const copied = await EtcdStore.open({ endpoints: etcd.endpoints, prefix });
    try {
      const seen = new Map<string, { uid?: string; owners: string; node?: string }>();
      for (const k of KINDS) {
        for (const o of copied.list(k.kind).items) {
          seen.set(`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`, {
            uid: o.metadata.uid,
            owners: JSON.stringify(o.metadata.ownerReferences ?? []),
            node: (o as { spec?: { nodeName?: string } }).spec?.nodeName,
          });
        }
      }
      assert.deepEqual(seen, source);
    } finally {
      await copied.close();
    }

    const again = await migrate(dir.dir, ["-from", `sqlite:${dir.dir}`, "-to", to, "-etcd-prefix", prefix]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds \d+ objects: migrate into an empty prefix/);
    const bad = await migrate(dir.dir, ["-from", dir.dir, "-to", to]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /-from must name .* as sqlite:DIR/);
  });
});
