// Test helpers that edit a history's stored objects the way someone with write access to the directory could:
// rewrite a pack consistently (object replaced or removed, index and footer recomputed), flip bytes in place,
// cut a pack short, or spread packs out into the loose files histories written before packs hold.

import { readdirSync, readFileSync, unlinkSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { History } from "../../../state/history/index.js";
import { decodeIndex, encodePack, type PackEntry } from "../../../state/history/pack-format.js";

export interface PackOnDisk {
  readonly path: string;
  readonly bytes: Buffer;
  readonly entries: readonly PackEntry[];
}

export function packs(history: History): PackOnDisk[] {
  let names: string[];
  try {
    names = readdirSync(history.files.packDir).filter((n) => n.endsWith(".pack"));
  } catch {
    return [];
  }
  return names.map((n) => {
    const path = join(history.files.packDir, n);
    const bytes = readFileSync(path);
    const d = decodeIndex(bytes.length, (o, l) => bytes.subarray(o, o + l));
    if (!d.ok) throw new Error(`${path}: ${d.reason}`);
    return { path, bytes, entries: d.entries };
  });
}

export function packHolding(history: History, addr: string): { pack: PackOnDisk; entry: PackEntry } {
  for (const pack of packs(history)) {
    const entry = pack.entries.find((e) => e.addr === addr);
    if (entry) return { pack, entry };
  }
  throw new Error(`no pack holds ${addr}`);
}

export function storedBytes(history: History, addr: string): Buffer {
  const { pack, entry } = packHolding(history, addr);
  return pack.bytes.subarray(entry.offset, entry.offset + entry.length);
}

/** Rewrites the pack holding `addr` with that object's stored bytes replaced (or the object left out). */
export function replaceStored(history: History, addr: string, data: Buffer | undefined): void {
  const { pack } = packHolding(history, addr);
  const objects = pack.entries
    .filter((e) => data !== undefined || e.addr !== addr)
    .map((e) => [e.addr, e.addr === addr ? data! : pack.bytes.subarray(e.offset, e.offset + e.length)] as const);
  const encoded = encodePack(objects);
  unlinkSync(pack.path);
  writeFileSync(join(history.files.packDir, `${encoded.digest}.pack`), encoded.bytes, { mode: 0o600 });
}

/** Moves every packed object into a loose file (objects/ab/cdef…) and deletes the packs: the layout before packs. */
export function explodeToLoose(history: History): number {
  let n = 0;
  for (const pack of packs(history)) {
    for (const e of pack.entries) {
      const dir = join(history.files.dir, e.addr.slice(0, 2));
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, e.addr.slice(2)), pack.bytes.subarray(e.offset, e.offset + e.length), { mode: 0o600 });
      n++;
    }
    unlinkSync(pack.path);
  }
  return n;
}
