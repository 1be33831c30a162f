// Reliability test 4 of issue 14 at the API: a 3-member etcd with 2 members stopped. Writes fail with a 503
// Status; reads without a resourceVersion are consistent reads (Kubernetes': through etcd's quorum) and fail
// with a 503 too; reads with resourceVersion=0 (Kubernetes' "any": from the server's copy) are answered with a
// Warning that they may be stale. Quorum back: the same server answers everything again, without a restart.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ETCD_MISSING, startTestEtcd, testPrefix, type TestEtcd } from "./helpers/etcd.js";
import { startServer, until, type ServerProcess } from "./helpers/etcd-servers.js";
import { tempDir } from "./helpers/tmp.js";

const CMS = "/api/v1/namespaces/default/configmaps";
const cm = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { k: name } });

describe("reads and writes while etcd has lost its quorum", { skip: ETCD_MISSING, timeout: 180_000 }, () => {
  let etcd: TestEtcd;
  let server: ServerProcess | undefined;
  const dir = tempDir("cairn-etcd-quorum-");
  before(async () => {
    etcd = await startTestEtcd(3);
  });
  after(async () => {
    await server?.kill();
    await etcd?.dispose();
    dir.remove();
  });

  test("2 of 3 members down: writes and consistent reads are 503, resourceVersion=0 reads say they may be stale; back: all served", async () => {
    const s = (server = await startServer(dir.dir, etcd.endpoints, testPrefix()));
    // The leading replica's controllers create the default namespace.
    await until("a configmap can be created in default", async () => (await s.call("POST", CMS, cm("before"))).status === 201);
    const fine = await s.call("GET", `${CMS}/before?resourceVersion=0`);
    assert.equal(fine.status, 200);
    assert.equal(fine.headers.warning, undefined, "no warning while etcd has its quorum");

    await etcd.members[1]!.kill();
    await etcd.members[2]!.kill();
    const write = await s.call("POST", CMS, cm("during"));
    assert.equal(write.status, 503, write.text);
    assert.equal((JSON.parse(write.text) as { kind: string; reason: string }).reason, "ServiceUnavailable");
    for (const path of [`${CMS}/before`, CMS, `${CMS}?limit=10`]) {
      const r = await s.call("GET", path);
      assert.equal(r.status, 503, `${path}: ${r.text}`);
      const status = JSON.parse(r.text) as { kind: string; reason: string; message: string };
      assert.equal(status.kind, "Status");
      assert.match(status.message, /consistent read needs a quorum of etcd members/);
    }
    const stale = await s.call("GET", `${CMS}/before?resourceVersion=0`);
    assert.equal(stale.status, 200, "resourceVersion=0 is answered from the server's copy");
    assert.match(String(stale.headers.warning), /^299 - ".*may be stale"$/);
    const staleList = await s.call("GET", `${CMS}?resourceVersion=0`);
    assert.equal(staleList.status, 200);
    assert.match(String(staleList.headers.warning), /may be stale/);

    etcd.members[1]!.start();
    etcd.members[2]!.start();
    await etcd.ready(60_000);
    await until("consistent reads are served again", async () => (await s.call("GET", `${CMS}/before`)).status === 200, 60_000);
    await until("resourceVersion=0 reads no longer warn", async () => (await s.call("GET", `${CMS}/before?resourceVersion=0`)).headers.warning === undefined, 30_000);
    assert.equal((await s.call("POST", CMS, cm("after"))).status, 201, "writes resume without a restart");
    const names = (JSON.parse((await s.call("GET", CMS)).text) as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);
    assert.ok(names.includes("before") && names.includes("after"), names.join(","));
  });
});
