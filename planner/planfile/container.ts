// The saved plan container: one file, an 8-byte magic "CAIRNPLN", a format version byte, a flags byte
// (bit 0: the payload is encrypted), then the payload: the gzip-compressed JSON document, passed through the
// state encryption's `encrypt` when one is configured. The magic lets `show` and `apply` tell a plan file
// from a state file at the first bytes, and the version lets a later Cairn refuse a layout it cannot read.

import { gunzipSync, gzipSync } from "node:zlib";

export const PLAN_MAGIC = Buffer.from("CAIRNPLN", "latin1");
export const PLAN_FILE_VERSION = 1;
const FLAG_ENCRYPTED = 1;
const HEADER_LENGTH = PLAN_MAGIC.length + 2;

/** The encryption hook: state/encryption's envelope, or anything with the same two operations. */
export interface PlanEncryption {
  encrypt(bytes: Uint8Array): Uint8Array | Promise<Uint8Array>;
  decrypt(bytes: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export async function sealPlan(documentJson: string, encryption?: PlanEncryption): Promise<Uint8Array> {
  let payload: Uint8Array = gzipSync(Buffer.from(documentJson, "utf8"));
  if (encryption !== undefined) payload = await encryption.encrypt(payload);
  const header = Buffer.alloc(HEADER_LENGTH);
  PLAN_MAGIC.copy(header, 0);
  header[PLAN_MAGIC.length] = PLAN_FILE_VERSION;
  header[PLAN_MAGIC.length + 1] = encryption !== undefined ? FLAG_ENCRYPTED : 0;
  return Buffer.concat([header, payload]);
}

export function isPlanFileBytes(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_LENGTH && Buffer.from(bytes.subarray(0, PLAN_MAGIC.length)).equals(PLAN_MAGIC);
}

export type OpenResult =
  | { readonly ok: true; readonly documentJson: string }
  | { readonly ok: false; readonly reason: "not-a-plan" | "version" | "encrypted" | "corrupt"; readonly message: string };

export async function openPlan(bytes: Uint8Array, encryption?: PlanEncryption): Promise<OpenResult> {
  if (!isPlanFileBytes(bytes)) return { ok: false, reason: "not-a-plan", message: "the file does not start with Cairn's plan file header" };
  const version = bytes[PLAN_MAGIC.length]!;
  if (version !== PLAN_FILE_VERSION) {
    return { ok: false, reason: "version", message: `the plan file format version is ${version}, and this version of Cairn reads only version ${PLAN_FILE_VERSION}` };
  }
  let payload: Uint8Array = bytes.subarray(HEADER_LENGTH);
  if ((bytes[PLAN_MAGIC.length + 1]! & FLAG_ENCRYPTED) !== 0) {
    if (encryption === undefined) {
      return { ok: false, reason: "encrypted", message: "the plan file is encrypted, and no state encryption is configured to decrypt it" };
    }
    try {
      payload = await encryption.decrypt(payload);
    } catch (err) {
      return { ok: false, reason: "encrypted", message: `the plan file could not be decrypted: ${(err as Error).message}` };
    }
  }
  try {
    return { ok: true, documentJson: gunzipSync(payload).toString("utf8") };
  } catch (err) {
    return { ok: false, reason: "corrupt", message: `the plan file is damaged: ${(err as Error).message}` };
  }
}
