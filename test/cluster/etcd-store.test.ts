// The store on a real etcd (started by the test on loopback): Kubernetes' semantics, several API servers on one
// etcd, watches from a revision and their window, paging, and quorum loss.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { EtcdStore } from "../../cluster/store/etcd-store.js";
import { StoreError, StoreUnavailable } from "../../cluster/store/errors.js";
import type { WatchEvent } from "../../cluster/store/interface.js";
import type { KubeObject } from "../../cluster/objects/index.js";
import { ETCD_MISSING, startTestEtcd, testPrefix, type TestEtcd } from "./helpers/etcd.js";

function cm(name: string, data: Record<string, string> = {}, ns = "default"): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns, uid: `uid-${name}` }, data } as KubeObject;
}

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function rejectsWith(p: Promise<unknown>, reason: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof StoreError && e.reason === reason);
}

describe("etcd store", { skip: ETCD_MISSING, timeout: 120_000 }, () => {
  let etcd: TestEtcd;
  const open: EtcdStore[] = [];
  const openStore = async (prefix: string, extra: { windowSize?: number; pageSize?: number } = {}) => {
    const s = await EtcdStore.open({ endpoints: etcd.endpoints, prefix, ...extra });
    open.push(s);
    return s;
  };
  before(async () => {
    etcd = await startTestEtcd(1);
  });
  after(async () => {
    for (const s of open) await s.close();
    await etcd?.dispose();
  });

  test("resourceVersion is the key's mod revision; create, update and delete are transactions on revisions", async () => {
    const s = await openStore(testPrefix());
    const a = (await s.commit([{ op: "create", object: cm("a") }]))[0]!;
    assert.equal(s.get("ConfigMap", "default", "a")?.metadata.resourceVersion, a.metadata.resourceVersion, "read your write");
    await rejectsWith(s.commit([{ op: "create", object: cm("a") }]), "AlreadyExists");
    const a2 = (await s.commit([{ op: "update", object: { ...cm("a", { x: "1" }), metadata: { ...cm("a").metadata, resourceVersion: a.metadata.resourceVersion } } }]))[0]!;
    assert.ok(Number(a2.metadata.resourceVersion) > Number(a.metadata.resourceVersion));
    const stale = { ...cm("a", { x: "2" }), metadata: { ...cm("a").metadata, resourceVersion: a.metadata.resourceVersion } };
    await rejectsWith(s.commit([{ op: "update", object: stale }]), "Conflict");
    await rejectsWith(s.commit([{ op: "delete", kind: "ConfigMap", namespace: "default", name: "a", resourceVersion: a.metadata.resourceVersion }]), "Conflict");
    await rejectsWith(s.commit([{ op: "update", object: cm("missing") }]), "NotFound");
    await rejectsWith(s.commit([{ op: "delete", kind: "ConfigMap", namespace: "default", name: "missing" }]), "NotFound");
    const gone = (await s.commit([{ op: "delete", kind: "ConfigMap", namespace: "default", name: "a", resourceVersion: a2.metadata.resourceVersion }]))[0]!;
    assert.deepEqual((gone as KubeObject & { data: unknown }).data, { x: "1" }, "a delete returns the last value");
    assert.equal(s.get("ConfigMap", "default", "a"), undefined);
  });

  test("a batch is one transaction: all of it or none; several operations on one key fold into one", async () => {
    const s = await openStore(testPrefix());
    await s.commit([{ op: "create", object: cm("x") }]);
    await rejectsWith(s.commit([{ op: "create", object: cm("y") }, { op: "create", object: cm("x") }]), "AlreadyExists");
    assert.equal(s.get("ConfigMap", "default", "y"), undefined, "nothing of a failed batch is written");
    const [c, u] = await s.commit([{ op: "create", object: cm("z") }, { op: "update", object: cm("z", { v: "2" }) }]);
    assert.equal(c!.metadata.resourceVersion, u!.metadata.resourceVersion, "one transaction, one revision");
    assert.deepEqual((s.get("ConfigMap", "default", "z") as KubeObject & { data: unknown }).data, { v: "2" });
    // The writes of one transaction share its revision: every one of them reaches the copy and its watchers.
    const seen: string[] = [];
    const stop = s.watch({ kind: "ConfigMap" }, undefined, (e) => seen.push(e.object.metadata.name));
    await s.commit([{ op: "create", object: cm("t1") }, { op: "create", object: cm("t2") }, { op: "create", object: cm("t3") }]);
    stop();
    assert.deepEqual(["t1", "t2", "t3"].map((n) => s.get("ConfigMap", "default", n) !== undefined), [true, true, true]);
    assert.deepEqual(seen.sort(), ["t1", "t2", "t3"]);
  });

  test("two API servers on one etcd: each sees the other's writes; a concurrent update on one revision is a conflict for one of them", async () => {
    const prefix = testPrefix();
    const a = await openStore(prefix);
    const b = await openStore(prefix);
    const created = (await a.commit([{ op: "create", object: cm("shared") }]))[0]!;
    await until("server b sees the create", () => b.peek("ConfigMap", "default", "shared") !== undefined);
    const rv = created.metadata.resourceVersion;
    const write = (s: EtcdStore, v: string) => s.commit([{ op: "update", object: { ...cm("shared", { v }), metadata: { ...cm("shared").metadata, resourceVersion: rv } } }]);
    const results = await Promise.allSettled([write(a, "a"), write(b, "b")]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1, "exactly one writer wins");
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert.ok(lost.reason instanceof StoreError && lost.reason.reason === "Conflict");
    // Without a resourceVersion an update applies to whatever is current, even when this server's copy is behind.
    await b.commit([{ op: "update", object: cm("shared", { v: "last" }) }]);
    await until("server a sees b's update", () => (a.peek("ConfigMap", "default", "shared") as KubeObject & { data: { v: string } }).data.v === "last");
  });

  test("objects of every size round-trip through the transaction, the watch and a new server's list", async () => {
    // Sizes around the protobuf length prefixes of one and two bytes and past them (the hand-written encoder).
    const sizes = [0, 60, 100, 126, 127, 128, 129, 16_200, 16_383, 16_384, 16_500, 200_000];
    const prefix = testPrefix();
    const a = await openStore(prefix);
    for (const n of sizes) await a.commit([{ op: "create", object: cm(`size-${n}`, { v: "x".repeat(n) }) }]);
    const b = await openStore(prefix);
    for (const n of sizes) {
      for (const s of [a, b]) {
        const got = s.get("ConfigMap", "default", `size-${n}`) as { data?: { v?: string } } | undefined;
        assert.equal(got?.data?.v?.length, n, `size ${n}`);
      }
    }
  });

  test("the first list is read page by page at one revision; a new server sees every object", async () => {
    const prefix = testPrefix();
    const w = await openStore(prefix);
    for (let i = 0; i < 7; i++) await w.commit([{ op: "create", object: cm(`p${i}`, {}, i % 2 ? "one" : "two") }]);
    const r = await openStore(prefix, { pageSize: 2 });
    assert.deepEqual(r.list("ConfigMap").items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`), ["one/p1", "one/p3", "one/p5", "two/p0", "two/p2", "two/p4", "two/p6"]);
    assert.equal(r.list("ConfigMap", "one").items.length, 3);
    assert.ok(r.revision() >= w.revision());
  });

  test("a watch from a revision replays the window; older than the window is Expired, and a relist misses nothing", async () => {
    const prefix = testPrefix();
    const s = await openStore(prefix, { windowSize: 3 });
    const first = (await s.commit([{ op: "create", object: cm("w0") }]))[0]!;
    for (let i = 1; i < 6; i++) await s.commit([{ op: "create", object: cm(`w${i}`) }]);
    assert.throws(() => s.watch({ kind: "ConfigMap" }, Number(first.metadata.resourceVersion), () => undefined), (e: unknown) => e instanceof StoreError && e.reason === "Expired");
    // The client relists, then watches from the list's revision: every object and every later change.
    const listed = s.list("ConfigMap");
    const seen = new Map(listed.items.map((o) => [o.metadata.name, o.metadata.resourceVersion]));
    const events: WatchEvent[] = [];
    const stop = s.watch({ kind: "ConfigMap" }, listed.revision, (e) => events.push(e));
    await s.commit([{ op: "create", object: cm("w6") }]);
    await until("the watch sees w6", () => events.some((e) => e.object.metadata.name === "w6"));
    for (const e of events) seen.set(e.object.metadata.name, e.object.metadata.resourceVersion);
    assert.deepEqual([...seen.keys()].sort(), ["w0", "w1", "w2", "w3", "w4", "w5", "w6"]);
    stop();
    // A recent revision is still in the window: exactly the later events are replayed.
    const replay: string[] = [];
    s.watch({ kind: "ConfigMap" }, s.revision() - 2, (e) => replay.push(e.object.metadata.name))();
    assert.ok(replay.length >= 1 && replay.length <= 2, `replayed ${replay.join(",")}`);
  });

  test("etcd compaction under a live watch: the watch goes on and a new server lists the compacted store", async () => {
    const prefix = testPrefix();
    const s = await openStore(prefix);
    const events: string[] = [];
    s.watch({ kind: "ConfigMap" }, undefined, (e) => events.push(`${e.type} ${e.object.metadata.name}`));
    await s.commit([{ op: "create", object: cm("c1") }]);
    await s.compact(s.revision());
    await s.commit([{ op: "update", object: cm("c1", { after: "compaction" }) }]);
    await until("the update after compaction is seen", () => events.includes("MODIFIED c1"));
    assert.ok(s.compactedRevision() > 0);
    const fresh = await openStore(prefix);
    assert.deepEqual((fresh.get("ConfigMap", "default", "c1") as KubeObject & { data: unknown }).data, { after: "compaction" });
  });
});

describe("etcd store with quorum lost", { skip: ETCD_MISSING, timeout: 120_000 }, () => {
  let etcd: TestEtcd;
  let s: EtcdStore | undefined;
  before(async () => {
    etcd = await startTestEtcd(3);
  });
  after(async () => {
    await s?.close();
    await etcd?.dispose();
  });

  test("the member every call goes to is killed: calls and the watch move to another member", async () => {
    const prefix = testPrefix();
    const a = await EtcdStore.open({ endpoints: etcd.endpoints, prefix, requestTimeoutMs: 2_000 });
    // Another server that never talks to m0, to write while m0 is down.
    const b = await EtcdStore.open({ endpoints: etcd.endpoints.slice(1), prefix, requestTimeoutMs: 2_000 });
    try {
      await a.commit([{ op: "create", object: cm("on-m0") }]);
      await etcd.members[0]!.kill();
      // The connection to m0 is refused: the write goes to the next member. When m0 was etcd's leader, the
      // others elect a new one first and may answer "unavailable" meanwhile (a 503 at the API): written again.
      const write = async (s: EtcdStore, name: string) => {
        for (let i = 0; ; i++) {
          try {
            return await s.commit([{ op: "create", object: cm(name) }]);
          } catch (e) {
            // A write that timed out may have been applied: written again, it already exists.
            if (i > 0 && e instanceof StoreError && e.reason === "AlreadyExists") return;
            if (!(e instanceof StoreUnavailable) || i >= 20) throw e;
          }
        }
      };
      await write(a, "m0-down");
      // a's watch was on m0: it reconnects elsewhere and brings b's write.
      await write(b, "from-b");
      await until("a's watch moved and delivered b's write", () => a.get("ConfigMap", "default", "from-b") !== undefined);
      assert.ok(b.get("ConfigMap", "default", "m0-down"));
    } finally {
      etcd.members[0]!.start();
      await a.close();
      await b.close();
      await etcd.ready(60_000);
    }
  });

  test("2 of 3 members down: writes fail as unavailable and nothing is half-written; back: writes resume without reopening", async () => {
    s = await EtcdStore.open({ endpoints: etcd.endpoints, prefix: testPrefix(), requestTimeoutMs: 2_000 });
    await s.commit([{ op: "create", object: cm("before") }]);
    await etcd.members[1]!.kill();
    await etcd.members[2]!.kill();
    await assert.rejects(s.commit([{ op: "create", object: cm("during-1") }, { op: "create", object: cm("during-2") }]), (e: unknown) => e instanceof StoreUnavailable);
    assert.ok(s.get("ConfigMap", "default", "before"), "reads are served from the copy");
    etcd.members[1]!.start();
    etcd.members[2]!.start();
    await etcd.ready(60_000);
    // The write that timed out may have been applied whole once quorum came back, never in part.
    const both = ["during-1", "during-2"].map((n) => s!.get("ConfigMap", "default", n) !== undefined);
    assert.equal(both[0], both[1], "a batch is all or nothing");
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      try {
        await s.commit([{ op: "create", object: cm("after") }]);
        ok = true;
      } catch (e) {
        if (!(e instanceof StoreUnavailable)) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.ok(ok, "writes resume once quorum is back");
    assert.ok(s.get("ConfigMap", "default", "after"));
  });
});
