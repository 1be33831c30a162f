// Content-addressed snapshot objects: each object is canonical JSON text, stored deflated (and sealed with
// the keyring when the history is encrypted) at objects/<first two hex digits>/<rest>. The address is the
// SHA-256 of the plaintext; in an encrypted history it is salted with a secret key kept sealed beside the
// objects, so an address cannot be used to guess a secret value offline. Reading an object re-hashes it, so
// a replaced or damaged object is always noticed.

import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Diagnostic } from "../../planner/lang/diagnostics.js";
import { decrypt, encrypt, isEncrypted } from "../encryption/envelope.js";
import type { Keyring } from "../encryption/keyring.js";
import { ensureDir, unlinkSafe, writeFileAtomicSync } from "./files.js";

export type ObjectRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: "missing" | "mismatch" | "unreadable" | "locked"; readonly detail: string; readonly diag?: Diagnostic };

export class ObjectStore {
  private readonly known = new Set<string>();
  private readonly madeDirs = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly keyring: Keyring | undefined,
    private readonly addressKey: Buffer | undefined,
    private readonly fsync: boolean,
  ) {}

  get encrypted(): boolean {
    return this.keyring !== undefined;
  }

  address(plain: string): string {
    const h = createHash("sha256");
    if (this.addressKey) h.update(this.addressKey);
    return h.update(plain).digest("hex");
  }

  pathOf(addr: string): string {
    return join(this.dir, addr.slice(0, 2), addr.slice(2));
  }

  has(addr: string): boolean {
    if (this.known.has(addr)) return true;
    if (existsSync(this.pathOf(addr))) {
      this.known.add(addr);
      return true;
    }
    return false;
  }

  /** Stores `plain` under `addr` (its address) unless already present. */
  put(addr: string, plain: string): void {
    if (this.has(addr)) return;
    const packed = deflateRawSync(Buffer.from(plain));
    const data = this.keyring ? encrypt(packed, this.keyring, "history") : packed;
    const path = this.pathOf(addr);
    const sub = addr.slice(0, 2);
    if (!this.madeDirs.has(sub)) {
      ensureDir(join(this.dir, sub));
      this.madeDirs.add(sub);
    }
    writeFileAtomicSync(path, data, this.fsync);
    this.known.add(addr);
  }

  get(addr: string): ObjectRead {
    // Addresses come from records and manifests, which may have been tampered with: never a path.
    if (!/^[0-9a-f]{64}$/.test(addr)) return { ok: false, problem: "mismatch", detail: `${JSON.stringify(addr.slice(0, 80))} is not a snapshot object address` };
    let raw: Buffer;
    try {
      raw = readFileSync(this.pathOf(addr));
    } catch {
      return { ok: false, problem: "missing", detail: `snapshot object ${addr} is missing` };
    }
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
   * Key rotation: re-encrypts the object with the primary key when it only opens with a fallback key.
   * Returns true when the object was rewritten. Objects are shared between versions, so a rotation is
   * complete only after every object has been re-sealed (History.rekey).
   */
  reseal(addr: string): boolean {
    if (!this.keyring) return false;
    let raw: Buffer;
    try {
      raw = readFileSync(this.pathOf(addr));
    } catch {
      return false;
    }
    if (!isEncrypted(raw)) return false;
    const r = decrypt(raw, this.keyring, "history", `History object ${addr}`);
    if (!r.ok || !r.usedFallback) return false;
    writeFileAtomicSync(this.pathOf(addr), encrypt(r.data, this.keyring, "history"), this.fsync);
    return true;
  }

  /** Every stored address (for garbage collection after pruning). */
  listAll(): string[] {
    const out: string[] = [];
    if (!existsSync(this.dir)) return out;
    for (const prefix of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const rest of readdirSync(join(this.dir, prefix))) if (/^[0-9a-f]{62}$/.test(rest)) out.push(prefix + rest);
    }
    return out;
  }

  remove(addr: string): void {
    unlinkSafe(this.pathOf(addr));
    this.known.delete(addr);
  }
}
