// NODE_EXTRA_CA_CERTS handed to Cairn by the launcher (cmd/extra-ca-certs.ts): the variable is back in the
// environment for the processes Cairn starts, and a TLS client with the default trust accepts a server whose
// certificate the file holds, while one given its own `ca` does not; a file that cannot be read is warned of
// once and trusts nothing more. Each case runs in a Node process of its own, since the adoption is for the
// whole process, against a real TLS server on 127.0.0.1.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import tls from "node:tls";
import { makePluginCertificate } from "../../providers/plugin/certificate.js";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const moduleUrl = pathToFileURL(join(dist, "cmd", "extra-ca-certs.js")).href;

interface Outcome {
  readonly env: { readonly node: string | null; readonly moved: string | null };
  readonly defaultTrust: string;
  readonly ownCa: string;
  readonly warnings: string[];
}

/** Adopts `moved` (as the launcher left it) in a fresh process and connects twice to a server using `serverCert`. */
function run(moved: string, serverCert: { certPem: string; keyPem: string }): Outcome {
  const other = makePluginCertificate();
  const script = `
    import tls from "node:tls";
    import { adoptExtraCaCertificates } from ${JSON.stringify(moduleUrl)};
    const warnings = [];
    adoptExtraCaCertificates(process.env, "CAIRN_EXTRA_CA_CERTS", (l) => warnings.push(l));
    const env = { node: process.env.NODE_EXTRA_CA_CERTS ?? null, moved: process.env.CAIRN_EXTRA_CA_CERTS ?? null };
    const server = tls.createServer({ key: ${JSON.stringify(serverCert.keyPem)}, cert: ${JSON.stringify(serverCert.certPem)} }, (s) => s.end());
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    const connect = (extra) => new Promise((r) => {
      const s = tls.connect({ host: "127.0.0.1", port: server.address().port, servername: "localhost", ...extra }, () => { s.destroy(); r("authorized"); });
      s.on("error", (e) => r(e.code));
    });
    const defaultTrust = await connect({});
    const ownCa = await connect({ ca: ${JSON.stringify(other.certPem)} });
    server.close();
    process.stdout.write(JSON.stringify({ env, defaultTrust, ownCa, warnings }));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH, CAIRN_EXTRA_CA_CERTS: moved }, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Outcome;
}

test("the file's certificates are trusted by default, the variable is back for child processes", () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-extra-ca-"));
  try {
    const server = makePluginCertificate();
    const file = join(dir, "extra.pem");
    // A bundle, as such files are: some public roots, then the one the server's certificate needs.
    writeFileSync(file, tls.rootCertificates.slice(0, 5).join("\n") + "\n" + server.certPem);
    const o = run(file, server);
    assert.deepEqual(o.env, { node: file, moved: null });
    assert.equal(o.defaultTrust, "authorized");
    assert.notEqual(o.ownCa, "authorized", "a client given its own ca trusts only that");
    assert.deepEqual(o.warnings, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a file that cannot be read: one warning naming it, and no more trust than Node's own roots", () => {
  const missing = join(tmpdir(), `cairn-no-such-ca-${process.pid}.pem`);
  const o = run(missing, makePluginCertificate());
  assert.deepEqual(o.env, { node: missing, moved: null });
  assert.notEqual(o.defaultTrust, "authorized");
  assert.equal(o.warnings.length, 1);
  assert.match(o.warnings[0]!, new RegExp(`Ignoring extra certs from \`${missing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\`, load failed`));
});
