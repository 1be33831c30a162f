// Encrypting and decrypting whole files: the state file, a saved plan, a history object. Plain files stay
// readable when a keyring is configured (so encryption can be turned on: the next write encrypts), and an
// encrypted file without a keyring is a clear error, never garbage handed to a JSON parser.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { decrypt, encrypt, isEncrypted, type Purpose } from "./envelope.js";
import type { Keyring } from "./keyring.js";

export type OpenResult = { readonly ok: true; readonly data: Buffer; readonly wasEncrypted: boolean; readonly usedFallback: boolean } | { readonly ok: false; readonly diags: Diagnostic[] };

/** The plaintext of a file as read from disk. */
export function openFileData(raw: Uint8Array, keyring: Keyring | undefined, purpose: Purpose, what: string): OpenResult {
  if (!isEncrypted(raw)) return { ok: true, data: Buffer.from(raw), wasEncrypted: false, usedFallback: false };
  const r = decrypt(raw, keyring, purpose, what);
  return r.ok ? { ok: true, data: r.data, wasEncrypted: true, usedFallback: r.usedFallback } : { ok: false, diags: [r.diag] };
}

/** The bytes to write: encrypted with the primary key when a keyring is given, else the plaintext. */
export function sealFileData(plain: string | Uint8Array, keyring: Keyring | undefined, purpose: Purpose): string | Uint8Array {
  return keyring === undefined ? plain : encrypt(plain, keyring, purpose);
}

export const encryptStateText = (text: string, k: Keyring | undefined) => sealFileData(text, k, "state");
export const decryptStateFile = (raw: Uint8Array, k: Keyring | undefined, what = "The state file") => openFileData(raw, k, "state", what);
export const encryptPlanFile = (data: Uint8Array, k: Keyring | undefined) => sealFileData(data, k, "plan");
export const decryptPlanFile = (raw: Uint8Array, k: Keyring | undefined, what = "The saved plan file") => openFileData(raw, k, "plan", what);

/** Thrown by planEncryption(k).decrypt, whose interface (planner/planfile's PlanEncryption) has no
 * diagnostics: the caller catches it and reports `diag` ("Wrong encryption key", "Missing encryption key"). */
export class PlanDecryptError extends Error {
  constructor(readonly diag: Diagnostic) {
    super(diag.detail ?? diag.summary);
  }
}

/** The saved plan file's encryption hook (planner/planfile sealPlan/openPlan) for a keyring. */
export function planEncryption(k: Keyring): { encrypt(bytes: Uint8Array): Uint8Array; decrypt(bytes: Uint8Array): Uint8Array } {
  return {
    encrypt: (bytes) => Buffer.from(encrypt(bytes, k, "plan")),
    decrypt: (bytes) => {
      const r = decrypt(bytes, k, "plan", "The saved plan file");
      if (!r.ok) throw new PlanDecryptError(r.diag);
      return r.data;
    },
  };
}
