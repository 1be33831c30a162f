import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { serveCluster, type ServedCluster, HttpClient, ApiError, type ClusterClient, type ApiWatchEvent, ClusterCore } from "../../cluster/index.js";
import type { Status } from "../../cluster/api/index.js";
import type { KubeObject } from "../../cluster/objects/index.js";
import { tempDir } from "./helpers/tmp.js";
import { httpsFirstChunk, httpsRequest } from "./helpers/https.js";
import { node } from "./helpers/fixtures.js";

let served: ServedCluster;
let dir: { dir: string; remove: () => void };

before(async () => {
  dir = tempDir();
  served = await serveCluster({ dataDir: dir.dir });
});

after(async () => {
  await served.close();
  dir.remove();
});

async function call(method: string, path: string, body?: unknown, opts: { token?: string | null; type?: string; raw?: string | Buffer } = {}): Promise<{ code: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? served.token : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let payload: string | Buffer | undefined = opts.raw;
  if (body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined) headers["content-type"] = opts.type ?? "application/json";
  const res = await httpsRequest(`${served.url}${path}`, served.ca, { method, headers, body: payload });
  return { code: res.status, json: res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {} };
}

const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels }, data: { k: "v" } });

test("the token is generated on first start and stored 0600", () => {
  const mode = statSync(join(dir.dir, "token")).mode & 0o777;
  assert.equal(mode, 0o600);
  assert.ok(served.token.length >= 32);
  assert.ok(served.url.startsWith("https://127.0.0.1:"));
});

test("the bearer scheme is case-insensitive; the certificates are made once and reused, keys 0600", async () => {
  for (const scheme of ["bearer", "BEARER", "Bearer"]) {
    const r = await httpsRequest(`${served.url}/api/v1/nodes`, served.ca, { headers: { authorization: `${scheme} ${served.token}` } });
    assert.equal(r.status, 200, scheme);
  }
  for (const f of ["ca.key", "server.key", "token", "kubeconfig"]) assert.equal(statSync(join(dir.dir, f)).mode & 0o777, 0o600, f);
  const { loadOrCreateTls } = await import("../../cluster/api/tls.js");
  const again = await loadOrCreateTls(dir.dir, "127.0.0.1");
  assert.equal(again.ca, served.ca);
  const { readFileSync } = await import("node:fs");
  assert.equal(again.cert, readFileSync(join(dir.dir, "server.crt"), "utf8"));
  // A host the certificate does not name gets a new serving certificate from the same CA.
  const other = await loadOrCreateTls(dir.dir, "cairn.example");
  assert.equal(other.ca, served.ca);
  assert.notEqual(other.cert, again.cert);
  const { X509Certificate } = await import("node:crypto");
  const x = new X509Certificate(other.cert);
  assert.ok(x.checkHost("cairn.example") && x.checkIP("127.0.0.1") && x.checkHost("localhost"));
  assert.ok(x.verify(new X509Certificate(served.ca).publicKey));
});

test("dryRun=All validates and defaults on every write and stores nothing", async () => {
  const before = await call("GET", "/api/v1/namespaces/default/configmaps");
  const rv = (before.json.metadata as { resourceVersion: string }).resourceVersion;
  const created = await call("POST", "/api/v1/namespaces/default/configmaps?dryRun=All", cm("dry-only"));
  assert.equal(created.code, 201);
  assert.equal((created.json.metadata as { namespace: string }).namespace, "default");
  assert.equal((await call("GET", "/api/v1/namespaces/default/configmaps/dry-only")).code, 404);
  const invalid = await call("POST", "/api/v1/namespaces/default/configmaps?dryRun=All", cm("Bad_Name"));
  assert.equal(invalid.code, 422);
  await call("POST", "/api/v1/namespaces/default/configmaps", cm("dry-target"));
  const patched = await call("PATCH", "/api/v1/namespaces/default/configmaps/dry-target?dryRun=All", { data: { k: "changed" } }, { type: "application/merge-patch+json" });
  assert.deepEqual(patched.json.data, { k: "changed" });
  const put = await call("PUT", "/api/v1/namespaces/default/configmaps/dry-target?dryRun=All", { ...cm("dry-target"), data: { k: "put" } });
  assert.equal(put.code, 200);
  const del = await call("DELETE", "/api/v1/namespaces/default/configmaps/dry-target?dryRun=All");
  assert.equal(del.code, 200);
  const after = await call("GET", "/api/v1/namespaces/default/configmaps/dry-target");
  assert.deepEqual(after.json.data, { k: "v" });
  // Only the one real create moved the revision.
  const now = await call("GET", "/api/v1/namespaces/default/configmaps");
  assert.equal(Number((now.json.metadata as { resourceVersion: string }).resourceVersion), Number(rv) + 1);
});

test("unknown fields are dropped with a Warning header (Warn, the default), silently under Ignore", async () => {
  const warn = await httpsRequest(`${served.url}/api/v1/namespaces/default/configmaps`, served.ca, { method: "POST", headers: { authorization: `Bearer ${served.token}`, "content-type": "application/json" }, body: JSON.stringify({ ...cm("warned"), extra: 1 }) });
  assert.equal(warn.status, 201);
  assert.deepEqual(warn.headers.warning, '299 - "unknown field \\"extra\\""');
  assert.equal((JSON.parse(warn.text) as Record<string, unknown>).extra, undefined);
  const ignored = await httpsRequest(`${served.url}/api/v1/namespaces/default/configmaps?fieldValidation=Ignore`, served.ca, { method: "POST", headers: { authorization: `Bearer ${served.token}`, "content-type": "application/json" }, body: JSON.stringify({ ...cm("ignored"), extra: 1 }) });
  assert.equal(ignored.status, 201);
  assert.equal(ignored.headers.warning, undefined);
  assert.equal((await call("GET", "/api/v1/namespaces/default/configmaps/ignored")).json.extra, undefined);
});

test("limit/continue pages through a list; watch=True is a watch", async () => {
  for (const n of ["page-a", "page-b", "page-c"]) await call("POST", "/api/v1/namespaces/default/configmaps", cm(n, { page: "yes" }));
  const seen: string[] = [];
  let token = "";
  for (let i = 0; i < 5; i++) {
    const r = await call("GET", `/api/v1/namespaces/default/configmaps?labelSelector=page%3Dyes&limit=2${token ? `&continue=${token}` : ""}`);
    seen.push(...(r.json.items as KubeObject[]).map((o) => o.metadata.name));
    token = (r.json.metadata as { continue?: string }).continue ?? "";
    if (!token) break;
  }
  assert.deepEqual(seen, ["page-a", "page-b", "page-c"]);
  const streamed = await httpsFirstChunk(`${served.url}/api/v1/namespaces/default/configmaps?watch=True&labelSelector=page%3Dyes`, served.ca, { authorization: `Bearer ${served.token}` }, (t) => t.split("\n").filter((l) => l).length >= 3);
  assert.deepEqual(streamed.text.split("\n").filter((l) => l).map((l) => (JSON.parse(l) as { type: string }).type), ["ADDED", "ADDED", "ADDED"]);
});

test("strategic merge patch merges containers by name; JSON patch edits by pointer", async () => {
  const d = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "smp" }, spec: { replicas: 1, selector: { matchLabels: { app: "smp" } }, template: { metadata: { labels: { app: "smp" } }, spec: { containers: [{ name: "a", image: "a:1", resources: { requests: { cpu: "10m" } } }, { name: "b", image: "b:1" }] } } } };
  assert.equal((await call("POST", "/apis/apps/v1/namespaces/default/deployments", d)).code, 201);
  const smp = await call("PATCH", "/apis/apps/v1/namespaces/default/deployments/smp", { spec: { template: { spec: { "$setElementOrder/containers": [{ name: "a" }, { name: "b" }], containers: [{ name: "b", image: "b:2" }] } } } }, { type: "application/strategic-merge-patch+json" });
  assert.equal(smp.code, 200, JSON.stringify(smp.json));
  const containers = ((smp.json.spec as { template: { spec: { containers: { name: string; image: string; resources?: unknown }[] } } }).template.spec.containers);
  assert.deepEqual(containers.map((c) => `${c.name}=${c.image}`), ["a=a:1", "b=b:2"]);
  assert.deepEqual(containers[0]!.resources, { requests: { cpu: "10m" } });
  const jp = await call("PATCH", "/apis/apps/v1/namespaces/default/deployments/smp", [{ op: "replace", path: "/spec/replicas", value: 3 }, { op: "add", path: "/metadata/labels", value: { x: "y" } }], { type: "application/json-patch+json" });
  assert.equal(jp.code, 200, JSON.stringify(jp.json));
  assert.equal((jp.json.spec as { replicas: number }).replicas, 3);
  const scale = await call("PATCH", "/apis/apps/v1/namespaces/default/deployments/smp/scale", { spec: { replicas: 5 } }, { type: "application/merge-patch+json" });
  assert.equal(scale.code, 200);
  assert.equal(scale.json.kind, "Scale");
  assert.deepEqual(scale.json.spec, { replicas: 5 });
  assert.equal(((await call("GET", "/apis/apps/v1/namespaces/default/deployments/smp")).json.spec as { replicas: number }).replicas, 5);
});

test("status codes and Status bodies", async () => {
  const bad = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: -1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } };
  await call("POST", "/api/v1/namespaces/default/configmaps", cm("dup"));
  const created = await call("POST", "/api/v1/namespaces/default/configmaps", cm("conflict-me"));
  await call("PUT", "/api/v1/namespaces/default/configmaps/conflict-me", created.json);
  const big = JSON.stringify({ ...cm("huge"), data: { k: "x".repeat(3 * 1024 * 1024 + 10) } });
  const cases: { name: string; req: () => Promise<{ code: number; json: Record<string, unknown> }>; code: number; reason: string; message?: string | RegExp }[] = [
    { name: "no token", req: () => call("GET", "/api/v1/nodes", undefined, { token: null }), code: 401, reason: "Unauthorized", message: "Unauthorized" },
    { name: "wrong token", req: () => call("GET", "/api/v1/nodes", undefined, { token: "nope" }), code: 401, reason: "Unauthorized" },
    { name: "no token on a write", req: () => call("POST", "/api/v1/namespaces/default/configmaps", cm("x"), { token: null }), code: 401, reason: "Unauthorized" },
    { name: "unknown path", req: () => call("GET", "/api/v1/widgets"), code: 404, reason: "NotFound" },
    { name: "missing object", req: () => call("GET", "/api/v1/namespaces/default/pods/nope"), code: 404, reason: "NotFound", message: 'pods "nope" not found' },
    { name: "missing namespaced apps object", req: () => call("GET", "/apis/apps/v1/namespaces/default/deployments/nope"), code: 404, reason: "NotFound", message: 'deployments.apps "nope" not found' },
    { name: "missing namespace", req: () => call("POST", "/api/v1/namespaces/ghost/configmaps", cm("x")), code: 404, reason: "NotFound", message: 'namespaces "ghost" not found' },
    { name: "invalid field", req: () => call("POST", "/apis/apps/v1/namespaces/default/deployments", bad), code: 422, reason: "Invalid", message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
    { name: "invalid name", req: () => call("POST", "/api/v1/namespaces/default/configmaps", cm("Bad_Name")), code: 422, reason: "Invalid", message: /^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/ },
    { name: "already exists", req: () => call("POST", "/api/v1/namespaces/default/configmaps", cm("dup")), code: 409, reason: "AlreadyExists", message: 'configmaps "dup" already exists' },
    { name: "stale resourceVersion", req: () => call("PUT", "/api/v1/namespaces/default/configmaps/conflict-me", created.json), code: 409, reason: "Conflict", message: /^Operation cannot be fulfilled on configmaps "conflict-me": the object has been modified/ },
    { name: "oversized body", req: () => call("POST", "/api/v1/namespaces/default/configmaps", undefined, { raw: big }), code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728" },
    { name: "malformed JSON", req: () => call("POST", "/api/v1/namespaces/default/configmaps", undefined, { raw: "{nope" }), code: 400, reason: "BadRequest" },
    { name: "unknown patch type", req: () => call("PATCH", "/api/v1/namespaces/default/configmaps/dup", { data: {} }, { type: "application/xml" }), code: 415, reason: "UnsupportedMediaType" },
    { name: "a wrong JSON type is a decoding error", req: () => call("POST", "/apis/apps/v1/namespaces/default/deployments", { ...bad, spec: { ...bad.spec, replicas: "three" } }), code: 400, reason: "BadRequest", message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' },
    { name: "unknown fields under Strict", req: () => call("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", { ...cm("strict"), bogus: 1, metadata: { name: "strict", extra: true } }), code: 400, reason: "BadRequest", message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus", unknown field "metadata.extra"' },
    { name: "JSON nested beyond the limit", req: () => call("POST", "/api/v1/namespaces/default/configmaps", undefined, { raw: `${"[".repeat(100_000)}${"]".repeat(100_000)}` }), code: 400, reason: "BadRequest", message: "the body of the request could not be decoded as JSON: exceeded max depth of 10000" },
    { name: "a dry run other than All", req: () => call("POST", "/api/v1/namespaces/default/configmaps?dryRun=Some", cm("dry")), code: 400, reason: "BadRequest", message: 'Invalid dryRun value: Some. Only "All" is supported' },
    { name: "a failing JSON patch test", req: () => call("PATCH", "/api/v1/namespaces/default/configmaps/dup", [{ op: "test", path: "/data/k", value: "other" }], { type: "application/json-patch+json" }), code: 422, reason: "UnprocessableEntity" },
    { name: "a bad continue token", req: () => call("GET", "/api/v1/namespaces/default/configmaps?limit=1&continue=garbage"), code: 400, reason: "BadRequest", message: /^continue key is not valid/ },
    { name: "immutable selector", req: async () => {
      const d = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "imm" }, spec: { replicas: 1, selector: { matchLabels: { app: "imm" } }, template: { metadata: { labels: { app: "imm", v: "1" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } };
      await call("POST", "/apis/apps/v1/namespaces/default/deployments", d);
      return call("PATCH", "/apis/apps/v1/namespaces/default/deployments/imm", { spec: { selector: { matchLabels: { v: "1" } } } }, { type: "application/merge-patch+json" });
    }, code: 422, reason: "Invalid", message: /^Deployment.apps "imm" is invalid: spec.selector: Invalid value: .*: field is immutable$/ },
    { name: "POST to a name", req: () => call("POST", "/api/v1/namespaces/default/configmaps/dup", cm("dup")), code: 405, reason: "MethodNotAllowed" },
  ];
  for (const c of cases) {
    const r = await c.req();
    assert.equal(r.code, c.code, `${c.name}: HTTP ${r.code} ${JSON.stringify(r.json)}`);
    const s = r.json as unknown as Status;
    assert.equal(s.kind, "Status", c.name);
    assert.equal(s.apiVersion, "v1", c.name);
    assert.equal(s.status, "Failure", c.name);
    assert.equal(s.code, c.code, c.name);
    assert.equal(s.reason, c.reason, c.name);
    if (typeof c.message === "string") assert.equal(s.message, c.message, c.name);
    else if (c.message) assert.match(s.message, c.message, c.name);
  }
});

test("422 names the invalid fields in details.causes", async () => {
  const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "", resources: { requests: { cpu: "lots" } } }] } };
  const r = await call("POST", "/api/v1/namespaces/default/pods", pod);
  assert.equal(r.code, 422);
  const causes = (r.json as unknown as Status).details!.causes!;
  assert.deepEqual(causes.map((c) => c.field), ["spec.containers[0].image", "spec.containers[0].resources.requests[cpu]"]);
  assert.equal(causes[0]!.reason, "FieldValueRequired");
  assert.match((r.json as unknown as Status).message, /^Pod "p" is invalid: \[spec.containers\[0\].image: Required value, spec.containers\[0\].resources.requests\[cpu\]: Invalid value: "lots": quantities must match/);
});

test("discovery documents", async () => {
  const api = await call("GET", "/api");
  assert.deepEqual(api.json.versions, ["v1"]);
  assert.equal(api.json.kind, "APIVersions");
  const apis = await call("GET", "/apis");
  assert.equal(apis.json.kind, "APIGroupList");
  assert.deepEqual((apis.json.groups as { name: string }[]).map((g) => g.name), ["apps", "policy", "authentication.k8s.io", "authorization.k8s.io"]);
  const core = await call("GET", "/api/v1");
  const res = core.json.resources as { name: string; namespaced: boolean; kind: string; verbs: string[] }[];
  for (const [name, namespaced] of [["pods", true], ["nodes", false], ["namespaces", false], ["persistentvolumes", false], ["persistentvolumeclaims", true], ["services", true], ["configmaps", true], ["secrets", true]] as const) {
    const r = res.find((x) => x.name === name);
    assert.ok(r, name);
    assert.equal(r.namespaced, namespaced, name);
    assert.ok(r.verbs.includes("watch"));
  }
  const apps = await call("GET", "/apis/apps/v1");
  assert.equal(apps.json.groupVersion, "apps/v1");
  assert.deepEqual((apps.json.resources as { name: string }[]).filter((r) => !r.name.includes("/")).map((r) => r.name).sort(), ["daemonsets", "deployments", "replicasets", "statefulsets"]);
});

test("list with labelSelector, merge-patch, delete", async () => {
  await call("POST", "/api/v1/namespaces/default/configmaps", cm("sel-a", { tier: "web", env: "prod" }));
  await call("POST", "/api/v1/namespaces/default/configmaps", cm("sel-b", { tier: "db", env: "prod" }));
  const list = await call("GET", `/api/v1/namespaces/default/configmaps?labelSelector=${encodeURIComponent("env=prod,tier in (web)")}`);
  assert.equal(list.json.kind, "ConfigMapList");
  assert.deepEqual((list.json.items as { metadata: { name: string } }[]).map((i) => i.metadata.name), ["sel-a"]);
  const patched = await call("PATCH", "/api/v1/namespaces/default/configmaps/sel-a", { metadata: { labels: { env: null, extra: "1" } }, data: { k2: "v2" } }, { type: "application/merge-patch+json" });
  assert.equal(patched.code, 200);
  assert.deepEqual((patched.json.metadata as { labels: unknown }).labels, { tier: "web", extra: "1" });
  assert.deepEqual(patched.json.data, { k: "v", k2: "v2" });
  const del = await call("DELETE", "/api/v1/namespaces/default/configmaps/sel-a");
  assert.equal(del.code, 200);
  assert.equal((await call("GET", "/api/v1/namespaces/default/configmaps/sel-a")).code, 404);
});

test("?watch=1 streams newline-delimited events from a resourceVersion", async () => {
  const start = await call("GET", "/api/v1/namespaces/default/configmaps");
  const rv = (start.json.metadata as { resourceVersion: string }).resourceVersion;
  const streamed = httpsFirstChunk(`${served.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}`, served.ca, { authorization: `Bearer ${served.token}` }, (t) => t.split("\n").filter((l) => l).length >= 3);
  const created = await call("POST", "/api/v1/namespaces/default/configmaps", cm("w1"));
  await call("PATCH", "/api/v1/namespaces/default/configmaps/w1", { data: { x: "y" } }, { type: "application/merge-patch+json" });
  await call("DELETE", "/api/v1/namespaces/default/configmaps/w1");
  const res = await streamed;
  assert.equal(res.status, 200);
  const text = res.text;
  const events = text.split("\n").filter((l) => l).map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string; resourceVersion: string } } });
  assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ["ADDED w1", "MODIFIED w1", "DELETED w1"]);
  assert.equal(events[0]!.object.metadata.resourceVersion, (created.json.metadata as { resourceVersion: string }).resourceVersion);
});

// The same client contract, run against both implementations.
async function clientContract(client: ClusterClient, label: string): Promise<void> {
  const name = `contract-${label}`;
  const created = await client.create<KubeObject>({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default", labels: { c: label } }, data: { a: "1" } } as KubeObject);
  assert.ok(created.metadata.uid, label);
  assert.ok(created.metadata.resourceVersion);
  const got = await client.get("ConfigMap", name, "default");
  assert.equal(got.metadata.uid, created.metadata.uid);
  const events: ApiWatchEvent[] = [];
  const w = await client.watch("ConfigMap", { namespace: "default", labelSelector: `c=${label}`, resourceVersion: created.metadata.resourceVersion }, (e) => events.push(e));
  const updated = await client.update({ ...got, data: { a: "2" } } as typeof got);
  await assert.rejects(client.update({ ...got, data: { a: "3" } } as typeof got), (e: unknown) => e instanceof ApiError && e.code === 409 && e.reason === "Conflict", label);
  const patched = await client.patch("ConfigMap", name, { data: { b: "3" } }, "default");
  assert.deepEqual((patched as unknown as { data: unknown }).data, { a: "2", b: "3" });
  const listed = await client.list("ConfigMap", { namespace: "default", labelSelector: `c=${label}` });
  assert.deepEqual(listed.items.map((i) => i.metadata.name), [name]);
  await assert.rejects(client.delete("ConfigMap", name, "default", { resourceVersion: updated.metadata.resourceVersion }), (e: unknown) => e instanceof ApiError && e.code === 409);
  await client.delete("ConfigMap", name, "default");
  await assert.rejects(client.get("ConfigMap", name, "default"), (e: unknown) => e instanceof ApiError && e.code === 404 && e.status.reason === "NotFound");
  await assert.rejects(
    client.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x", namespace: "default" }, spec: { selector: {}, template: { spec: { containers: [] } } } }),
    (e: unknown) => e instanceof ApiError && e.code === 422 && e.status.details!.causes!.some((c) => c.field === "spec.template.spec.containers"),
  );
  for (let i = 0; i < 50 && events.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
  w.stop();
  assert.deepEqual(events.map((e) => e.type), ["MODIFIED", "MODIFIED", "DELETED"], label);
}

test("ClusterClient contract: HTTP client against the served core", async () => {
  const client = new HttpClient({ endpoint: served.url, token: served.token, ca: served.ca });
  try {
    await clientContract(client, "http");
    await client.create(node("api-node"));
    await served.core.waitIdle();
    const n = await client.get("Node", "api-node");
    assert.equal((n.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === "Ready")?.status, "True");
    const wrong = new HttpClient({ endpoint: served.url, token: "wrong", ca: served.ca });
    await assert.rejects(wrong.list("Node"), (e: unknown) => e instanceof ApiError && e.code === 401);
    await wrong.close();
  } finally {
    await client.close();
  }
});

test("ClusterClient contract: in-process client", async () => {
  const t = tempDir();
  const core = ClusterCore.open(t.dir);
  try {
    await clientContract(core.client(), "inproc");
  } finally {
    core.close();
    t.remove();
  }
});

test("fieldSelector on list and watch (kubectl get NAME -w, pods on a node)", async () => {
  const client = new HttpClient({ endpoint: served.url, token: served.token, ca: served.ca });
  try {
    await client.create(cm("fs-a"));
    await client.create(cm("fs-b"));
    const one = await client.list("ConfigMap", { namespace: "default", fieldSelector: "metadata.name=fs-b" });
    assert.deepEqual(one.items.map((i) => i.metadata.name), ["fs-b"]);
    const not = await client.list("ConfigMap", { namespace: "default", fieldSelector: "metadata.name!=fs-b" });
    assert.ok(!not.items.some((i) => i.metadata.name === "fs-b") && not.items.some((i) => i.metadata.name === "fs-a"));
    const events: string[] = [];
    const w = await client.watch("ConfigMap", { namespace: "default", fieldSelector: "metadata.name=fs-a" }, (e) => events.push(`${e.type} ${e.object.metadata.name}`));
    await client.patch("ConfigMap", "fs-b", { data: { z: "1" } }, "default");
    await client.patch("ConfigMap", "fs-a", { data: { z: "1" } }, "default");
    for (let i = 0; i < 50 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    w.stop();
    assert.deepEqual(events, ["ADDED fs-a", "MODIFIED fs-a"]);
    const bad = await call("GET", "/api/v1/namespaces/default/configmaps?fieldSelector=data.k%3Dv");
    assert.equal(bad.code, 400);
    assert.equal((bad.json as unknown as Status).message, "field label not supported: data.k");
  } finally {
    await client.close();
  }
});
