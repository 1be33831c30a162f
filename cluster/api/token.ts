// The bearer token of a served core: generated on first start, stored 0600 in the data directory.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const TOKEN_FILE = "token";
/** The kubeconfig a running served core writes for its endpoint (server, CA, token), removed when it stops. */
export const SERVED_KUBECONFIG_FILE = "kubeconfig";

export function loadOrCreateToken(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, TOKEN_FILE);
  if (existsSync(file)) {
    // Tighten permissions in case someone loosened them; the token grants full control of the cluster.
    chmodSync(file, 0o600);
    return readFileSync(file, "utf8").trim();
  }
  const token = randomBytes(32).toString("base64url");
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: "wx" });
  return token;
}

/** Constant-time comparison of an Authorization header against the token. */
export function checkBearer(header: string | undefined, token: string): boolean {
  // The scheme is case-insensitive (RFC 9110 §11.1): "bearer x" is as good as "Bearer x".
  const m = header ? /^bearer[ \t]+(.*)$/i.exec(header) : null;
  if (!m) return false;
  const got = Buffer.from(m[1]!.trim());
  const want = Buffer.from(token);
  return got.length === want.length && timingSafeEqual(got, want);
}
