// rsadecrypt: RSA PKCS #1 v1.5 decryption with a PEM private key, as Terraform's rsadecrypt does it.
// The arithmetic is done here on BigInts because Node refuses PKCS #1 v1.5 private decryption by default.

import { createPrivateKey } from "node:crypto";
import { StringType } from "../values/types.js";
import { stringVal } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, goQuote, param, staticSpec } from "./helpers.js";
import { decodeBase64Strict } from "./encoding.js";

function bigFromBase64url(s: string): bigint {
  const hex = Buffer.from(s, "base64url").toString("hex");
  return hex === "" ? 0n : BigInt("0x" + hex);
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

interface RsaKey {
  readonly n: bigint;
  readonly d: bigint;
  readonly size: number;
}

/** The key as golang.org/x/crypto/ssh.ParseRawPrivateKey reads it, with its error wording. */
function parsePrivateKey(pem: string): RsaKey {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) argError(1, "invalid private key: ssh: no key found");
  let jwk: { kty?: string; n?: string; d?: string };
  try {
    jwk = createPrivateKey(pem).export({ format: "jwk" }) as typeof jwk;
  } catch (e) {
    return argError(1, `invalid private key: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (jwk.kty !== "RSA" || jwk.n === undefined || jwk.d === undefined) return argError(1, "invalid private key type");
  const n = bigFromBase64url(jwk.n);
  return { n, d: bigFromBase64url(jwk.d), size: Buffer.from(jwk.n, "base64url").length };
}

/** crypto/rsa.DecryptPKCS1v15. */
function decryptPKCS1v15(key: RsaKey, cipher: Buffer): Buffer {
  const fail = (): never => callError("failed to decrypt: crypto/rsa: decryption error");
  if (cipher.length !== key.size) fail();
  const c = cipher.length === 0 ? 0n : BigInt("0x" + cipher.toString("hex"));
  if (c >= key.n) fail();
  const em = Buffer.from(modPow(c, key.d, key.n).toString(16).padStart(key.size * 2, "0"), "hex");
  if (em[0] !== 0 || em[1] !== 2) fail();
  const sep = em.indexOf(0, 2);
  if (sep < 10) fail();
  return em.subarray(sep + 1);
}

export const rsadecrypt: FunctionSpec = staticSpec([param("ciphertext", StringType), param("privatekey", StringType)], StringType, (args) => {
  const text = args[0]!.asString();
  const cipher = decodeBase64Strict(text);
  if (cipher === undefined) argError(0, `failed to decode input ${goQuote(text)}: cipher text must be base64-encoded`);
  const key = parsePrivateKey(args[1]!.asString());
  return stringVal(decryptPKCS1v15(key, cipher).toString("utf8"));
});
