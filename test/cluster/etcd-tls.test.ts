// The store on an etcd that serves TLS and requires client certificates (`cairn cluster serve --etcd-cafile
// --etcd-certfile --etcd-keyfile`): a real etcd started here on loopback with certificates made by openssl.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { loadOrCreateTls, CA_CERT_FILE, CA_KEY_FILE, SERVER_CERT_FILE, SERVER_KEY_FILE } from "../../cluster/api/tls.js";
import { EtcdStore } from "../../cluster/store/etcd-store.js";
import { StoreUnavailable } from "../../cluster/store/errors.js";
import type { KubeObject } from "../../cluster/objects/index.js";
import { ETCD_MISSING } from "./helpers/etcd.js";
import { tempDir } from "./helpers/tmp.js";

const OPENSSL_MISSING = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "openssl is not installed: the etcd TLS test did not run";
  }
})();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe("etcd store over TLS with client certificates", { skip: ETCD_MISSING ?? OPENSSL_MISSING, timeout: 60_000 }, () => {
  const t = tempDir("cairn-etcd-tls-");
  let etcd: ChildProcess | undefined;
  let endpoint = "";
  let ca: Buffer;
  let cert: Buffer;
  let key: Buffer;

  before(async () => {
    // A CA and a serving certificate for 127.0.0.1 (the API server's own), and a client certificate of that CA.
    await loadOrCreateTls(t.dir);
    const p = (f: string) => join(t.dir, f);
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-sha256",
      "-CA", p(CA_CERT_FILE), "-CAkey", p(CA_KEY_FILE), "-keyout", p("client.key"), "-out", p("client.crt"), "-days", "1",
      "-subj", "/CN=cairn-test-client", "-addext", "basicConstraints=critical,CA:FALSE",
      "-addext", "keyUsage=critical,digitalSignature", "-addext", "extendedKeyUsage=clientAuth"], { stdio: "ignore" });
    ca = readFileSync(p(CA_CERT_FILE));
    cert = readFileSync(p("client.crt"));
    key = readFileSync(p("client.key"));
    const [client, peer] = [await freePort(), await freePort()];
    endpoint = `https://127.0.0.1:${client}`;
    etcd = spawn("etcd", [
      "--name", "tls0", "--data-dir", p("etcd"),
      "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint,
      "--listen-peer-urls", `http://127.0.0.1:${peer}`, "--initial-advertise-peer-urls", `http://127.0.0.1:${peer}`,
      "--initial-cluster", `tls0=http://127.0.0.1:${peer}`,
      "--cert-file", p(SERVER_CERT_FILE), "--key-file", p(SERVER_KEY_FILE), "--trusted-ca-file", p(CA_CERT_FILE), "--client-cert-auth",
      "--logger", "zap", "--log-level", "error",
    ], { stdio: "ignore" });
  });

  after(async () => {
    if (etcd && etcd.exitCode === null) {
      const exited = new Promise((r) => etcd!.once("exit", r));
      etcd.kill("SIGTERM");
      await exited;
    }
    t.remove();
  });

  test("with the CA and a client certificate: writes, the watch and reads work; without the certificate: unavailable", async () => {
    const deadline = Date.now() + 30_000;
    let store: EtcdStore | undefined;
    while (!store) {
      try {
        store = await EtcdStore.open({ endpoints: [endpoint], prefix: "/cairn-tls/", tls: { ca, cert, key }, requestTimeoutMs: 2_000 });
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    try {
      const obj = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", uid: "u1" }, data: { k: "v" } } as KubeObject;
      const [created] = await store.commit([{ op: "create", object: obj }]);
      assert.ok(Number(created!.metadata.resourceVersion) > 0);
      // commit returns once the watch (over the same TLS connection) delivered the write.
      assert.deepEqual((store.get("ConfigMap", "default", "c") as { data?: unknown } | undefined)?.data, { k: "v" });
      await store.confirmCurrent();
    } finally {
      await store.close();
    }
    // etcd refuses a client without a certificate (--client-cert-auth): a clear "unavailable", no hang.
    await assert.rejects(EtcdStore.open({ endpoints: [endpoint], prefix: "/cairn-tls/", tls: { ca }, requestTimeoutMs: 2_000 }), (e: unknown) => e instanceof StoreUnavailable);
  });
});
