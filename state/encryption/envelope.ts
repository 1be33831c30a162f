// The encrypted file format, shared by the state file, history snapshots and saved plans: a small JSON
// envelope, recognisable at a glance and by `isEncrypted`, holding the KDF parameters, the AES-256-GCM IV
// and tag, and the base64 ciphertext. The purpose ("state", "history", "plan") is bound as additional
// authenticated data, so one kind of file cannot be passed off as another. The envelope holds no secret.

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { deriveKey, kdfParams, kdfParamsValid, type KdfParams } from "./kdf.js";
import type { Keyring } from "./keyring.js";

/** "journal": one record line of the apply journal beside the state (it holds attribute values). */
export type Purpose = "state" | "history" | "plan" | "journal";

const MARK = '{"cairn_encryption":1,';

interface Envelope {
  cairn_encryption: 1;
  algorithm: "AES-256-GCM";
  purpose: Purpose;
  kdf: KdfParams;
  iv: string;
  tag: string;
  payload: string;
}

export function isEncrypted(data: string | Uint8Array): boolean {
  const head = typeof data === "string" ? data.slice(0, MARK.length) : Buffer.from(data.subarray(0, MARK.length)).toString("utf8");
  return head === MARK;
}

export function encrypt(plain: string | Uint8Array, keyring: Keyring, purpose: Purpose): string {
  const kdf = kdfParams(keyring.keyDerivation, keyring.writeSalt, keyring.cost);
  const key = deriveKey(keyring.primary, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(typeof plain === "string" ? Buffer.from(plain) : plain), cipher.final()]);
  // Field order fixed so the file starts with MARK.
  const env: Envelope = {
    cairn_encryption: 1,
    algorithm: "AES-256-GCM",
    purpose,
    kdf,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    payload: body.toString("base64"),
  };
  return JSON.stringify(env);
}

export type DecryptResult =
  | { readonly ok: true; readonly data: Buffer; readonly usedFallback: boolean }
  | { readonly ok: false; readonly diag: Diagnostic };

/** Opens an envelope with the primary key, then each fallback. `what` names the file in the error. */
export function decrypt(text: string | Uint8Array, keyring: Keyring | undefined, purpose: Purpose, what: string): DecryptResult {
  let env: Envelope;
  try {
    env = JSON.parse(typeof text === "string" ? text : Buffer.from(text).toString("utf8")) as Envelope;
  } catch (err) {
    return fail("Invalid encrypted file", `${what} looks encrypted but its envelope is not valid JSON: ${(err as Error).message}`);
  }
  if (env.cairn_encryption !== 1 || env.algorithm !== "AES-256-GCM" || !kdfParamsValid(env.kdf) || typeof env.iv !== "string" || typeof env.tag !== "string" || typeof env.payload !== "string") {
    return fail("Invalid encrypted file", `${what} has an encryption envelope this version of Cairn does not understand.`);
  }
  if (env.purpose !== purpose) {
    return fail("Invalid encrypted file", `${what} holds an encrypted ${env.purpose} file where a ${purpose} file was expected.`);
  }
  if (keyring === undefined) {
    return fail(
      "Missing encryption key",
      `${what} is encrypted, but no passphrase is configured. Set the passphrase of the terraform block's encryption settings (or CAIRN_STATE_PASSPHRASE) and run the command again. Nothing was changed.`,
    );
  }
  const candidates = [keyring.primary, ...keyring.fallbacks];
  for (let i = 0; i < candidates.length; i++) {
    try {
      const key = deriveKey(candidates[i]!, env.kdf);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(env.iv, "base64"));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(Buffer.from(env.tag, "base64"));
      const data = Buffer.concat([decipher.update(Buffer.from(env.payload, "base64")), decipher.final()]);
      return { ok: true, data, usedFallback: i > 0 };
    } catch {
      // Authentication failed: wrong key (or a damaged file); try the next candidate.
    }
  }
  const tried = keyring.fallbacks.length === 0 ? "the configured passphrase" : `the configured passphrase and ${keyring.fallbacks.length} fallback passphrase(s)`;
  return fail(
    "Wrong encryption key",
    `${what} could not be decrypted with ${tried}: the passphrase is wrong, or the file was damaged. Nothing was changed. When rotating keys, give the old passphrase as a fallback.`,
  );
}

function fail(summary: string, detail: string): DecryptResult {
  return { ok: false, diag: { severity: "error", summary, detail } };
}
