// Key derivation: a passphrase becomes a 256-bit AES key with PBKDF2-HMAC-SHA256 or scrypt (both from
// node:crypto). Parameters travel with every encrypted file, so a later change of defaults never makes an old
// file unreadable. Derivation is deliberately slow, so keys are cached per (passphrase, parameters, salt).

import { createHash, pbkdf2Sync, scryptSync } from "node:crypto";

export type KeyDerivationName = "pbkdf2" | "scrypt";

export type KdfParams =
  | { readonly name: "pbkdf2"; readonly hash: "sha256"; readonly iterations: number; readonly salt: string }
  | { readonly name: "scrypt"; readonly N: number; readonly r: number; readonly p: number; readonly salt: string };

/** OWASP's 2023 figures: 600,000 PBKDF2-SHA256 iterations; scrypt N=2^17, r=8, p=1. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
export const DEFAULT_SCRYPT = { N: 1 << 17, r: 8, p: 1 } as const;

export function kdfParams(name: KeyDerivationName, saltBase64: string, cost?: { iterations?: number; N?: number }): KdfParams {
  if (name === "pbkdf2") return { name, hash: "sha256", iterations: cost?.iterations ?? DEFAULT_PBKDF2_ITERATIONS, salt: saltBase64 };
  return { name, N: cost?.N ?? DEFAULT_SCRYPT.N, r: DEFAULT_SCRYPT.r, p: DEFAULT_SCRYPT.p, salt: saltBase64 };
}

const cache = new Map<string, Buffer>();

export function deriveKey(passphrase: string, params: KdfParams): Buffer {
  // The cache key holds a digest of the passphrase, never the passphrase itself.
  const id = createHash("sha256").update(passphrase).digest("hex") + "|" + JSON.stringify(params);
  const hit = cache.get(id);
  if (hit) return hit;
  const salt = Buffer.from(params.salt, "base64");
  const key =
    params.name === "pbkdf2"
      ? pbkdf2Sync(passphrase, salt, params.iterations, 32, "sha256")
      : scryptSync(passphrase, salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 });
  cache.set(id, key);
  return key;
}

/** True when the parameters are ones this version can derive (guards against a hostile header asking for 2^40). */
export function kdfParamsValid(p: unknown): p is KdfParams {
  if (typeof p !== "object" || p === null) return false;
  const o = p as Record<string, unknown>;
  if (typeof o.salt !== "string") return false;
  if (o.name === "pbkdf2") return o.hash === "sha256" && Number.isInteger(o.iterations) && (o.iterations as number) >= 1 && (o.iterations as number) <= 10_000_000;
  if (o.name === "scrypt") {
    const N = o.N as number;
    return Number.isInteger(N) && N >= 2 && N <= 1 << 20 && (N & (N - 1)) === 0 && o.r === 8 && Number.isInteger(o.p) && (o.p as number) >= 1 && (o.p as number) <= 16;
  }
  return false;
}
