// Where snapshot objects' stored bytes live: pack files (objects/packs/<sha256>.pack, one per recorded
// version, pack-format.ts) and, for histories written before packs, loose files (objects/ab/cdef…), which
// stay readable and are never written again. This layer knows nothing of deflating, sealing or hashing
// (object-store.ts does): it finds, writes, lists and deletes bytes by address. The plain and the sealed
// object store of one history share one instance, so both see what the other wrote.
//
// A pack is written to a temporary name, fsynced, renamed and its directory fsynced: once writePack returns,
// every object in it is durable, and a pack is never changed after that (pruning and key rotation write a
// new pack and delete the old one). A pack that is not whole (torn by a crash without fsync, truncated) is
// read as far as it is complete and reported by problems(); its objects are not trusted as already stored,
// so the next version writes them again.

import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { ensureDir, syncDirSync, unlinkSafe, writeFileAtomicSync } from "./files.js";
import { PackCache } from "./pack-cache.js";
import { decodeIndex, encodePack, scanPack, type PackEntry } from "./pack-format.js";

interface Pack {
  readonly name: string;
  /** The file's length in bytes. */
  readonly size: number;
  readonly entries: readonly PackEntry[];
  /** Why the pack is not whole, when it is not (its entries were recovered by scanning). */
  readonly torn?: string;
}

interface Location {
  readonly pack: Pack;
  readonly offset: number;
  readonly length: number;
}

export interface PackProblem {
  /** The pack's path relative to the objects directory. */
  readonly file: string;
  readonly reason: string;
  readonly recovered: number;
}

export type StoredBytes = { readonly ok: true; readonly data: Buffer } | { readonly ok: false; readonly missing: boolean; readonly detail?: string };

const PACK_NAME = /^[0-9a-f]{64}\.pack$/;
/** Packs up to this size are read whole when their index is read (most packs: a version changing a few objects). */
const SMALL_PACK = 256 << 10;
/** How many small packs are merged into one (mergeSmallPacks). */
const MERGE_AT = 32;

export class ObjectFiles {
  private packs?: Map<string, Pack>;
  private readonly index = new Map<string, Location>();
  private loose?: Set<string>;
  private readonly cache: PackCache;

  constructor(
    readonly dir: string,
    readonly fsync: boolean,
    /** Memory for whole packs (PackCache); packs above a quarter of it are read object by object. */
    cacheBytes = 64 << 20,
  ) {
    this.cache = new PackCache(cacheBytes);
  }

  get packDir(): string {
    return join(this.dir, "packs");
  }

  loosePath(addr: string): string {
    return join(this.dir, addr.slice(0, 2), addr.slice(2));
  }

  packPath(name: string): string {
    return join(this.packDir, name);
  }

  /** Stored durably: in a whole pack or a loose file (a torn pack's objects do not count). */
  has(addr: string): boolean {
    const at = this.locate(addr);
    if (at && !at.pack.torn) return true;
    return this.looseSet().has(addr);
  }

  read(addr: string): StoredBytes {
    const at = this.locate(addr);
    if (at && !at.pack.torn) {
      const r = this.readPacked(at);
      if (r.ok || !r.missing) return r;
    }
    try {
      return { ok: true, data: readFileSync(this.loosePath(addr)) };
    } catch {
      // not loose
    }
    // Another process may have written packs, or pruning rewritten them, since they were listed.
    this.refresh();
    const now = this.index.get(addr);
    return now ? this.readPacked(now) : { ok: false, missing: true };
  }

  /** Writes the objects as one new pack, durably (see the header). Nothing is written for no objects. */
  writePack(objects: readonly (readonly [string, Uint8Array])[]): void {
    if (objects.length === 0) return;
    this.load();
    this.ensurePackDir();
    this.addPack(this.savePack(objects));
    this.mergeSmallPacks();
  }

  /** Encodes the objects as one pack, writes it durably under its content name, and keeps it (not indexed). */
  private savePack(objects: readonly (readonly [string, Uint8Array])[]): Pack {
    const encoded = encodePack(objects);
    const pack: Pack = { name: `${encoded.digest}.pack`, size: encoded.bytes.length, entries: encoded.entries };
    writeFileAtomicSync(this.packPath(pack.name), encoded.bytes, this.fsync);
    this.packs!.set(pack.name, pack);
    this.cache.put(pack.name, encoded.bytes);
    return pack;
  }

  /**
   * A version changing a few objects writes a pack of a few kilobytes, and every command reads every pack's
   * index: once MERGE_AT small packs have accumulated, they are written as one pack (durable first, then
   * the small ones deleted), so a history of thousands of versions keeps a few dozen files. Failing to merge
   * loses nothing (the small packs stay), so it never fails the recording.
   */
  private mergeSmallPacks(): void {
    const small = [...this.packs!.values()].filter((p) => !p.torn && p.size < SMALL_PACK);
    if (small.length < MERGE_AT) return;
    try {
      const seen = new Set<string>();
      const objects: [string, Buffer][] = [];
      for (const p of small) {
        const bytes = this.cache.get(p.name) ?? readFileSync(this.packPath(p.name));
        for (const e of p.entries) {
          if (seen.has(e.addr)) continue;
          seen.add(e.addr);
          objects.push([e.addr, bytes.subarray(e.offset, e.offset + e.length)]);
        }
      }
      const { name } = this.savePack(objects);
      for (const p of small) {
        if (p.name === name) continue;
        unlinkSafe(this.packPath(p.name));
        this.packs!.delete(p.name);
        this.cache.delete(p.name);
      }
      if (this.fsync) syncDirSync(this.packDir);
    } catch {
      // The small packs are still there (or merged): nothing to undo.
    }
    this.rebuildIndex();
  }

  /**
   * Forgets what was read (cached packs, the pack and loose listings) so the next read sees the directory
   * as it is now: the audit checks the disk, not what this process read earlier.
   */
  reload(): void {
    this.cache.clear();
    this.packs = undefined;
    this.loose = undefined;
    this.index.clear();
  }

  /** Every stored address, once each. */
  list(): string[] {
    this.refresh();
    return [...new Set([...this.index.keys(), ...this.looseSet()])];
  }

  /** Packs that are not whole, for the audit. */
  problems(): PackProblem[] {
    this.load();
    return [...this.packs!.values()].filter((p) => p.torn).map((p) => ({ file: join("packs", p.name), reason: p.torn!, recovered: p.entries.length }));
  }

  /**
   * Pruning's garbage collection: deletes every object not in `reachable`. Loose files are unlinked; a pack
   * with no reachable object is deleted, one with some is rewritten holding only those (the new pack is
   * durable before the old one is deleted), so a pruned object's bytes do not linger in a pack. A pack that
   * is not whole is rewritten whole from the objects it still holds.
   */
  retain(reachable: ReadonlySet<string>): void {
    for (const addr of this.looseSet()) if (!reachable.has(addr)) this.removeLoose(addr);
    // A pack write interrupted by a crash leaves its temporary file (never read); pruning runs under the
    // state lock, so no write is in progress.
    if (existsSync(this.packDir)) for (const n of readdirSync(this.packDir)) if (/^\..*\.tmp-/.test(n)) unlinkSafe(this.packPath(n));
    this.refresh();
    const kept = new Set<string>();
    // Whole packs first, so an object stored twice is kept from the copy that is surely complete.
    const packs = [...this.packs!.values()].sort((a, b) => Number(!!a.torn) - Number(!!b.torn));
    for (const pack of packs) {
      const live = pack.entries.filter((e) => reachable.has(e.addr) && !kept.has(e.addr));
      for (const e of live) kept.add(e.addr);
      if (live.length === pack.entries.length && !pack.torn) continue;
      this.replacePack(pack, live, (_e, data) => data);
    }
  }

  /**
   * Key rotation: `transform` returns an object's new stored bytes, or undefined to keep them. Loose files
   * are replaced in place; a pack with any changed object is rewritten whole. Returns how many changed.
   */
  rewrite(transform: (addr: string, data: Buffer) => Buffer | undefined): number {
    let changed = 0;
    for (const addr of this.looseSet()) {
      let data: Buffer;
      try {
        data = readFileSync(this.loosePath(addr));
      } catch {
        continue;
      }
      const next = transform(addr, data);
      if (next) {
        writeFileAtomicSync(this.loosePath(addr), next, this.fsync);
        changed++;
      }
    }
    this.refresh();
    for (const pack of [...this.packs!.values()]) {
      const bytes = readFileSync(this.packPath(pack.name));
      const out = new Map<PackEntry, Buffer>();
      let packChanged = 0;
      for (const e of pack.entries) {
        const data = bytes.subarray(e.offset, e.offset + e.length);
        const next = transform(e.addr, data);
        if (next) packChanged++;
        out.set(e, next ?? data);
      }
      if (packChanged === 0) continue;
      this.replacePack(pack, pack.entries, (e) => out.get(e)!, bytes);
      changed += packChanged;
    }
    return changed;
  }

  private replacePack(pack: Pack, entries: readonly PackEntry[], dataOf: (e: PackEntry, data: Buffer) => Buffer, bytes?: Buffer): void {
    let name: string | undefined;
    if (entries.length > 0) {
      const all = bytes ?? readFileSync(this.packPath(pack.name));
      // A torn pack whose objects were all recovered re-encodes to its own name: the rename then repairs it.
      name = this.savePack(entries.map((e) => [e.addr, dataOf(e, all.subarray(e.offset, e.offset + e.length))] as const)).name;
    }
    if (name !== pack.name) {
      unlinkSafe(this.packPath(pack.name));
      if (this.fsync) syncDirSync(this.packDir);
      this.packs!.delete(pack.name);
      this.cache.delete(pack.name);
    }
    this.rebuildIndex();
  }

  private locate(addr: string): Location | undefined {
    this.load();
    return this.index.get(addr);
  }

  private readPacked(at: Location): StoredBytes {
    const name = at.pack.name;
    let whole = this.cache.get(name);
    if (!whole && this.cache.fits(at.pack.size)) {
      try {
        whole = readFileSync(this.packPath(name));
      } catch {
        return { ok: false, missing: true };
      }
      this.cache.put(name, whole);
    }
    if (whole) {
      if (at.offset + at.length > whole.length) return { ok: false, missing: false, detail: `pack ${name} ends before the object does` };
      return { ok: true, data: whole.subarray(at.offset, at.offset + at.length) };
    }
    let fd: number;
    try {
      fd = openSync(this.packPath(name), "r");
    } catch {
      return { ok: false, missing: true };
    }
    try {
      const data = Buffer.allocUnsafe(at.length);
      const n = readSync(fd, data, 0, at.length, at.offset);
      if (n !== at.length) return { ok: false, missing: false, detail: `pack ${name} ends before the object does` };
      return { ok: true, data };
    } finally {
      closeSync(fd);
    }
  }

  private load(): void {
    if (!this.packs) this.refresh();
  }

  /** Re-lists the pack directory: reads the indexes of new packs, forgets deleted ones. */
  private refresh(): void {
    const names = new Set<string>();
    if (existsSync(this.packDir)) for (const n of readdirSync(this.packDir)) if (PACK_NAME.test(n)) names.add(n);
    if (!this.packs) this.packs = new Map();
    const gone = [...this.packs.keys()].filter((n) => !names.has(n));
    for (const n of gone) {
      this.packs.delete(n);
      this.cache.delete(n);
    }
    if (gone.length > 0) this.rebuildIndex();
    for (const n of names) if (!this.packs.has(n)) this.addPack(this.openPack(n));
  }

  /** Reads a pack's index; a small pack is read whole (one read, and its objects are then in memory). */
  private openPack(name: string): Pack {
    const path = this.packPath(name);
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (err) {
      return { name, size: 0, entries: [], torn: `it cannot be opened (${(err as Error).message})` };
    }
    let size = 0;
    let whole: Buffer | undefined;
    try {
      size = fstatSync(fd).size;
      const readAt = (offset: number, length: number) => {
        const b = Buffer.alloc(length);
        readSync(fd, b, 0, length, offset);
        return b;
      };
      if (size <= SMALL_PACK) whole = readAt(0, size);
      const decoded = decodeIndex(size, whole ? (offset, length) => whole!.subarray(offset, offset + length) : readAt);
      if (decoded.ok) {
        if (whole) this.cache.put(name, whole);
        return { name, size, entries: decoded.entries };
      }
      return { name, size, entries: scanPack(whole ?? readFileSync(path)), torn: decoded.reason };
    } catch (err) {
      return { name, size, entries: [], torn: `it cannot be read (${(err as Error).message})` };
    } finally {
      closeSync(fd);
    }
  }

  private addPack(pack: Pack): void {
    this.packs!.set(pack.name, pack);
    for (const e of pack.entries) {
      const prev = this.index.get(e.addr);
      // A whole pack's copy wins over a torn pack's.
      if (!prev || (prev.pack.torn && !pack.torn)) this.index.set(e.addr, { pack, offset: e.offset, length: e.length });
    }
  }

  private rebuildIndex(): void {
    this.index.clear();
    for (const p of this.packs!.values()) this.addPack(p);
  }

  private ensurePackDir(): void {
    if (existsSync(this.packDir)) return;
    const created: string[] = [];
    for (let d = this.packDir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) created.push(d);
    ensureDir(this.packDir);
    // The new directories (the first version creates .cairn/history/<state>/objects/packs) must survive a
    // crash along with the first pack written into them: each one's entry lives in its parent.
    if (this.fsync) for (const d of created) syncDirSync(dirname(d));
  }

  private looseSet(): Set<string> {
    if (this.loose) return this.loose;
    const out = new Set<string>();
    if (existsSync(this.dir)) {
      for (const prefix of readdirSync(this.dir)) {
        if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
        for (const rest of readdirSync(join(this.dir, prefix))) if (/^[0-9a-f]{62}$/.test(rest)) out.add(prefix + rest);
      }
    }
    return (this.loose = out);
  }

  private removeLoose(addr: string): void {
    unlinkSafe(this.loosePath(addr));
    this.loose?.delete(addr);
  }
}
