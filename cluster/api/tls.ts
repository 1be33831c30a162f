// The served core's TLS material: a CA and a serving certificate signed by it, generated once in the data
// directory (keys 0600) by the system's openssl (3.0 or later). client-go only sends a bearer token to an https:// server, so TLS is what lets
// kubectl and client libraries authenticate at all. The serving certificate is re-issued (by the same CA,
// so kubeconfigs stay valid) when the host it must name is not among its subject alternative names.
import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { isIP } from "node:net";
import { join } from "node:path";

export const CA_CERT_FILE = "ca.crt";
export const CA_KEY_FILE = "ca.key";
export const SERVER_CERT_FILE = "server.crt";
export const SERVER_KEY_FILE = "server.key";

export interface ServingTls {
  /** PEM of the CA certificate: what clients trust (certificate-authority-data in a kubeconfig). */
  ca: string;
  cert: string;
  key: string;
}

const CA_DAYS = 3650;
const SERVING_DAYS = 365;

/** The names every serving certificate carries, plus `extraHost` when it names one machine. */
export function servingNames(extraHost?: string): string[] {
  const names = ["127.0.0.1", "::1", "localhost", hostname()];
  if (extraHost && extraHost !== "0.0.0.0" && extraHost !== "::" && !names.includes(extraHost)) names.push(extraHost);
  return names;
}

export async function loadOrCreateTls(dataDir: string, extraHost?: string): Promise<ServingTls> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = (f: string) => join(dataDir, f);
  // Scratch space inside the (0700) data directory: keys never pass through a shared /tmp.
  const work = mkdtempSync(join(dataDir, ".tls-"));
  try {
    if (!existsSync(path(CA_CERT_FILE)) || !existsSync(path(CA_KEY_FILE))) {
      await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-sha256",
        "-keyout", join(work, "ca.key"), "-out", join(work, "ca.crt"), "-days", String(CA_DAYS), "-subj", "/CN=cairn-ca",
        "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
        "-addext", "subjectKeyIdentifier=hash"]);
      install(join(work, "ca.key"), path(CA_KEY_FILE), 0o600);
      install(join(work, "ca.crt"), path(CA_CERT_FILE), 0o644);
    }
    chmodSync(path(CA_KEY_FILE), 0o600);
    const ca = readFileSync(path(CA_CERT_FILE), "utf8");
    const wanted = servingNames(extraHost);
    if (existsSync(path(SERVER_CERT_FILE)) && existsSync(path(SERVER_KEY_FILE))) {
      chmodSync(path(SERVER_KEY_FILE), 0o600);
      const cert = readFileSync(path(SERVER_CERT_FILE), "utf8");
      if (covers(cert, ca, wanted)) return { ca, cert, key: readFileSync(path(SERVER_KEY_FILE), "utf8") };
    }
    const san = wanted.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(",");
    await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-sha256",
      "-CA", path(CA_CERT_FILE), "-CAkey", path(CA_KEY_FILE),
      "-keyout", join(work, "server.key"), "-out", join(work, "server.crt"), "-days", String(SERVING_DAYS), "-subj", "/CN=cairn-apiserver",
      "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "keyUsage=critical,digitalSignature,keyEncipherment",
      "-addext", "extendedKeyUsage=serverAuth", "-addext", `subjectAltName=${san}`]);
    install(join(work, "server.key"), path(SERVER_KEY_FILE), 0o600);
    install(join(work, "server.crt"), path(SERVER_CERT_FILE), 0o644);
    return { ca, cert: readFileSync(path(SERVER_CERT_FILE), "utf8"), key: readFileSync(path(SERVER_KEY_FILE), "utf8") };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function openssl(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("openssl", args, { timeout: 30_000 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
      reject(new Error(missing ? "the openssl command is needed to create the cluster's TLS certificates and was not found on the PATH" : `openssl failed: ${String(stderr).trim().split("\n")[0]}`));
    });
  });
}

/** Renamed into place, so a crash never leaves half a key or certificate. */
function install(from: string, to: string, mode: number): void {
  chmodSync(from, mode);
  renameSync(from, to);
}

/** Whether a stored serving certificate is still usable: signed by this CA, not near expiry, names every host. */
function covers(certPem: string, caPem: string, names: readonly string[]): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    if (!cert.verify(ca.publicKey)) return false;
    if (new Date(cert.validTo).getTime() - Date.now() < 30 * 24 * 3600 * 1000) return false;
    return names.every((n) => (isIP(n) ? cert.checkIP(n) !== undefined : cert.checkHost(n) !== undefined));
  } catch {
    return false;
  }
}

