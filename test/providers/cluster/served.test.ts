// Served mode: the provider over HTTP with a bearer token (401 without it), two provider instances (as two
// Cairn processes would) sharing one served core, and the other resource types and data sources.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { join } from "node:path";
import { serveCluster, type ServedCluster } from "../../../cluster/index.js";
import { httpsRequest } from "../../cluster/helpers/https.js";
import { ClusterProvider } from "../../../providers/cluster/index.js";
import { fromPlain } from "../../../providers/cluster/plain.js";
import { impliedType } from "../../../providers/schema.js";
import { Harness, attr, messages, tempDir } from "./support.js";

describe("cluster provider (served)", () => {
  const tmp = tempDir();
  let served: ServedCluster;
  let h: Harness;

  before(async () => {
    served = await serveCluster({ dataDir: tmp.dir });
    h = await Harness.open({ endpoint: served.url, token: served.token, cluster_ca_certificate: served.ca });
    for (const [name, zone] of [["s1", "east"], ["s2", "west"]] as const) await h.converge("cluster_node", { name, cpu: "4", memory: "8Gi", zone });
  });
  after(async () => {
    await h.close();
    await served.close();
    tmp.remove();
  });

  it("refuses requests without the token (401), and the provider reports it", async () => {
    const res = await httpsRequest(`${served.url}/api/v1/nodes`, served.ca);
    assert.equal(res.status, 401);
    const bad = await Harness.open({ endpoint: served.url, token: "wrong", cluster_ca_certificate: served.ca });
    try {
      const r = await bad.provider.readDataSource({ typeName: "cluster_nodes", config: fromPlain({}, impliedType(bad.schema("cluster_namespace").block)) });
      assert.match(messages(r.diagnostics)[0]!, /401/);
    } finally {
      await bad.close();
    }
  });

  it("connects through a kubeconfig (config_path, config_context) as the Kubernetes provider does", async () => {
    const viaKubeconfig = await Harness.open({ config_path: served.kubeconfigPath, config_context: "cairn" });
    try {
      assert.deepEqual((await viaKubeconfig.readData("cluster_nodes", {})).names, ["s1", "s2"]);
    } finally {
      await viaKubeconfig.close();
    }
    const p = new ClusterProvider({ env: {} });
    const schema = impliedType((await p.getSchema()).provider.block);
    const missingCtx = await p.configureProvider({ cairnVersion: "test", config: fromPlain({ config_path: served.kubeconfigPath, config_context: "nope" }, schema) });
    assert.match(messages(missingCtx.diagnostics)[0]!, /has no context "nope"/);
    const missingFile = await p.configureProvider({ cairnVersion: "test", config: fromPlain({ config_path: join(tmp.dir, "absent") }, schema) });
    assert.match(messages(missingFile.diagnostics)[0]!, /Cannot read the kubeconfig .*absent: no such file/);
  });

  it("refuses a served core whose CA it was not given, and says where the CA comes from", async () => {
    const untrusted = await Harness.open({ endpoint: served.url, token: served.token });
    try {
      const r = await untrusted.provider.readDataSource({ typeName: "cluster_nodes", config: fromPlain({}, impliedType(untrusted.schema("cluster_namespace").block)) });
      assert.match(messages(r.diagnostics)[0]!, /certificate is not trusted: use the kubeconfig `cairn cluster kubeconfig` writes/);
    } finally {
      await untrusted.close();
    }
  });

  it("takes the endpoint, token and CA file from the environment, and needs the token", async () => {
    const env = await Harness.open({}, { env: { CAIRN_CLUSTER_ENDPOINT: served.url, CAIRN_CLUSTER_TOKEN: served.token, CAIRN_CLUSTER_CA_FILE: join(tmp.dir, "ca.crt") } });
    try {
      const d = await env.readData("cluster_nodes", {});
      assert.deepEqual(d.names, ["s1", "s2"]);
    } finally {
      await env.close();
    }
    const p = new ClusterProvider({ env: { CAIRN_CLUSTER_ENDPOINT: served.url } });
    const c = await p.configureProvider({ cairnVersion: "test", config: fromPlain({}, impliedType((await p.getSchema()).provider.block)) });
    assert.match(messages(c.diagnostics)[0]!, /needs a token/);
  });

  it("lets two provider instances work on one served core at once", async () => {
    const second = await Harness.open({ endpoint: served.url, token: served.token, cluster_ca_certificate: served.ca });
    try {
      const [a, b] = await Promise.all([h.converge("cluster_namespace", { name: "team-a" }), second.converge("cluster_namespace", { name: "team-b" })]);
      assert.equal(attr(a, "phase"), "Active");
      assert.equal(attr(b, "id"), "team-b");
      await second.assertNoOp("cluster_namespace", await second.read("cluster_namespace", a), { name: "team-a" });
    } finally {
      await second.close();
    }
  });

  it("manages a secret without showing it, a zonal volume, a statefulset with a claim per replica, and a service", async () => {
    const secretCfg = { name: "db", sensitive_data: { password: "s3cret" } };
    const secret = await h.converge("cluster_config", secretCfg);
    assert.equal(attr(secret, "kind"), "secret");
    assert.equal(h.schema("cluster_config").block.attributes!.sensitive_data!.sensitive, true);
    await h.assertNoOp("cluster_config", await h.read("cluster_config", secret), secretCfg);
    const imported = await h.provider.importResourceState({ typeName: "cluster_config", id: "default/secret/db" });
    assert.deepEqual(attr(await h.read("cluster_config", imported.imported[0]!.state), "sensitive_data"), { password: "s3cret" });

    const volCfg = { name: "shared", size: "5Gi", zone: "west" };
    const vol = await h.converge("cluster_volume", volCfg);
    assert.equal(attr(vol, "phase"), "Bound");
    await h.assertNoOp("cluster_volume", await h.read("cluster_volume", vol), volCfg);

    // A deployment mounting the west volume lands in the west zone.
    const app = { kind: "deployment", name: "app", image: "x", volume_mount: [{ claim: "shared", mount_path: "/data" }], timeouts: { create: "20s" } };
    const appState = await h.converge("cluster_workload", app);
    assert.deepEqual((attr(appState, "placements") as { node: string }[]).map((p) => p.node), ["s2"]);
    assert.equal(attr(await h.read("cluster_volume", vol), "bound_node"), "s2");

    const db = { kind: "statefulset", name: "db", image: "postgres", replicas: 2, anti_affinity_hostname: true, secret_env: [{ name: "PW", secret: "db", key: "password" }], volume_claim_template: [{ name: "data", size: "1Gi", mount_path: "/var/lib/data" }], timeouts: { create: "30s" } };
    const dbState = await h.converge("cluster_workload", db);
    const nodesOfDb = (attr(dbState, "placements") as { replica: string; node: string }[]).map((p) => `${p.replica}@${p.node}`).sort();
    assert.equal(nodesOfDb.length, 2);
    assert.notEqual(nodesOfDb[0]!.split("@")[1], nodesOfDb[1]!.split("@")[1], "one replica per node");
    await h.assertNoOp("cluster_workload", await h.read("cluster_workload", dbState), db);
    const claims = JSON.parse((await httpsRequest(`${served.url}/api/v1/namespaces/default/persistentvolumeclaims`, served.ca, { headers: { authorization: `Bearer ${served.token}` } })).text) as unknown;
    const names = (claims as { items: { metadata: { name: string } }[] }).items.map((c) => c.metadata.name).sort();
    assert.deepEqual(names, ["data-db-0", "data-db-1", "shared"]);

    const svcCfg = { name: "db", selector: { app: "db" }, port: [{ port: 5432 }] };
    const svc = await h.converge("cluster_service", svcCfg);
    assert.match(String(attr(svc, "cluster_ip")), /^10\.96\./);
    await h.assertNoOp("cluster_service", await h.read("cluster_service", svc), svcCfg);

    const cap = await h.readData("cluster_capacity", { zone: "west" });
    assert.equal(cap.nodes, 1);
    assert.equal(cap.cpu, 4);
    const nodes = await h.readData("cluster_nodes", { zone: "east" });
    assert.deepEqual(nodes.names, ["s1"]);

    for (const [type, state] of [["cluster_service", svc], ["cluster_workload", dbState], ["cluster_workload", appState], ["cluster_volume", vol], ["cluster_config", secret]] as const) {
      await h.destroy(type, state);
      assert.ok((await h.read(type, state)).isNull(), `${type} is gone`);
    }
  });
});
