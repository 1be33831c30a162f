// Content-addressed snapshot objects: each object is canonical JSON text, stored deflated (and sealed with
// the keyring when the history is encrypted); a version's new objects go into one pack file (object-files.ts;
// histories written before packs hold loose files objects/ab/cdef…). The address is the SHA-256 of the
// plaintext; in an encrypted history it is salted with a secret key kept sealed beside the objects, so an
// address cannot be used to guess a secret value offline. Reading an object re-hashes it, so
// a replaced or damaged object is always noticed.

import { createHash } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { decrypt, encrypt, isEncrypted } from "../encryption/envelope.js";
import type { Keyring } from "../encryption/keyring.js";
import type { ObjectFiles } from "./object-files.js";

export type ObjectRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: "missing" | "mismatch" | "unreadable" | "locked"; readonly detail: string; readonly diag?: Diagnostic };

export class ObjectStore {
  constructor(
    readonly files: ObjectFiles,
    private readonly keyring: Keyring | undefined,
    private readonly addressKey: Buffer | undefined,
  ) {}

  get encrypted(): boolean {
    return this.keyring !== undefined;
  }

  address(plain: string): string {
    const h = createHash("sha256");
    if (this.addressKey) h.update(this.addressKey);
    return h.update(plain).digest("hex");
  }

  has(addr: string): boolean {
    return this.files.has(addr);
  }

  /**
   * Stores the objects (address, plaintext) not stored yet, all in one pack: when this returns, every one of
   * them is durable, so a record naming them can be appended.
   */
  putAll(objects: Iterable<readonly [string, string]>): number {
    const fresh: [string, Buffer][] = [];
    const seen = new Set<string>();
    for (const [addr, plain] of objects) {
      if (seen.has(addr) || this.files.has(addr)) continue;
      seen.add(addr);
      const packed = deflateObject(plain);
      fresh.push([addr, this.keyring ? Buffer.from(encrypt(packed, this.keyring, "history")) : packed]);
    }
    this.files.writePack(fresh);
    return fresh.length;
  }

  get(addr: string): ObjectRead {
    // Addresses come from records and manifests, which may have been tampered with: never a path.
    if (!/^[0-9a-f]{64}$/.test(addr)) return { ok: false, problem: "mismatch", detail: `${JSON.stringify(addr.slice(0, 80))} is not a snapshot object address` };
    const stored = this.files.read(addr);
    if (!stored.ok) {
      if (stored.missing) return { ok: false, problem: "missing", detail: `snapshot object ${addr} is missing` };
      return { ok: false, problem: "unreadable", detail: `snapshot object ${addr} is damaged (${stored.detail})` };
    }
    const raw = stored.data;
    let packed: Buffer = raw;
    if (isEncrypted(raw)) {
      const r = decrypt(raw, this.keyring, "history", `History object ${addr}`);
      if (!r.ok) {
        const locked = this.keyring === undefined || r.diag.summary === "Wrong encryption key";
        return { ok: false, problem: locked ? "locked" : "unreadable", detail: r.diag.detail ?? r.diag.summary, diag: r.diag };
      }
      packed = r.data;
    } else if (this.keyring !== undefined) {
      // An encrypted history never holds a plaintext object: one planted here is tampering.
      return { ok: false, problem: "mismatch", detail: `snapshot object ${addr} is not encrypted although the history is` };
    }
    let text: string;
    try {
      text = inflateRawSync(packed).toString("utf8");
    } catch {
      return { ok: false, problem: "unreadable", detail: `snapshot object ${addr} is damaged (cannot be decompressed)` };
    }
    if (this.address(text) !== addr) return { ok: false, problem: "mismatch", detail: `snapshot object ${addr} does not match its digest` };
    return { ok: true, text };
  }

  /**
   * Key rotation: re-encrypts with the primary key every object of this store that only opens with a
   * fallback key. Objects are shared between versions, so a rotation is complete only after all of them
   * have been re-sealed. Returns how many were rewritten.
   */
  resealAll(): number {
    const keyring = this.keyring;
    if (!keyring) return 0;
    return this.files.rewrite((addr, raw) => {
      if (!isEncrypted(raw)) return undefined;
      const r = decrypt(raw, keyring, "history", `History object ${addr}`);
      return r.ok && r.usedFallback ? Buffer.from(encrypt(r.data, keyring, "history")) : undefined;
    });
  }

  /** Every stored address (both stores of a history share one directory). */
  listAll(): string[] {
    return this.files.list();
  }
}

/**
 * Objects are stored in raw deflate format, which any raw-inflate reader reads. A first version stores tens of
 * thousands of instance objects of a few hundred bytes, which deflate shrinks by about a third; a zlib stream
 * per object (allocated, zeroed, and collected) costs about 30 µs, over half a second for 20,000 objects,
 * more than the bytes are worth. So small objects go in deflate's stored blocks (a 5-byte header, no zlib),
 * and larger ones (buckets, roots) are compressed.
 */
const STORE_BELOW = 1024;

function deflateObject(plain: string): Buffer {
  const length = Buffer.byteLength(plain);
  if (length >= STORE_BELOW) return deflateRawSync(Buffer.from(plain));
  const out = Buffer.allocUnsafe(length + 5);
  out[0] = 0x01; // BFINAL, BTYPE 00 (stored)
  out.writeUInt16LE(length, 1);
  out.writeUInt16LE(~length & 0xffff, 3);
  out.write(plain, 5, "utf8");
  return out;
}
