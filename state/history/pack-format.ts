// The bytes of a pack file: the new snapshot objects of one version in one file, so recording a version costs
// one fsync instead of one per object (docs/state-history.md, "Packs"). Layout, all integers big-endian:
//
//   "CAIRNPK1"                                                     file magic
//   per object:  "cobj" | address (32 bytes) | length (u32) | stored bytes
//   per object:  address (32 bytes) | offset of its bytes (u64) | length (u32)        the index
//   "CAIRNIDX" | index offset (u64) | count (u32) | 0 (u32) | sha256 of the index (32 bytes)   the footer
//
// Each object carries its own header so a pack whose tail was torn (a crash with fsync off, a truncated copy)
// still yields every object written completely before the tear; its footer is what says the pack is whole.
// The stored bytes are what a loose object file holds (deflated, sealed when encrypted), so content
// addressing and every object check stay the same; the footer's checksum covers only the index.

import { createHash } from "node:crypto";

const FILE_MAGIC = Buffer.from("CAIRNPK1");
const ENTRY_TAG = Buffer.from("cobj");
const FOOTER_MAGIC = Buffer.from("CAIRNIDX");
const ADDR_BYTES = 32;
const ENTRY_HEAD = ENTRY_TAG.length + ADDR_BYTES + 4;
const INDEX_ENTRY = ADDR_BYTES + 8 + 4;
export const FOOTER_BYTES = FOOTER_MAGIC.length + 8 + 4 + 4 + 32;

export interface PackEntry {
  readonly addr: string;
  /** Where the object's stored bytes start in the pack file. */
  readonly offset: number;
  readonly length: number;
}

export interface EncodedPack {
  /** The file's contents, in order (written with one call). */
  readonly chunks: readonly Buffer[];
  readonly size: number;
  readonly entries: readonly PackEntry[];
  /** sha256 hex of everything before the footer: the pack's file name, so equal packs share a name. */
  readonly digest: string;
}

export function encodePack(objects: readonly (readonly [string, Uint8Array])[]): EncodedPack {
  const chunks: Buffer[] = [FILE_MAGIC];
  const entries: PackEntry[] = [];
  let pos = FILE_MAGIC.length;
  for (const [addr, data] of objects) {
    const head = Buffer.allocUnsafe(ENTRY_HEAD);
    ENTRY_TAG.copy(head, 0);
    head.write(addr, ENTRY_TAG.length, ADDR_BYTES, "hex");
    head.writeUInt32BE(data.length, ENTRY_TAG.length + ADDR_BYTES);
    chunks.push(head, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    entries.push({ addr, offset: pos + ENTRY_HEAD, length: data.length });
    pos += ENTRY_HEAD + data.length;
  }
  const index = Buffer.allocUnsafe(entries.length * INDEX_ENTRY);
  entries.forEach((e, k) => {
    const at = k * INDEX_ENTRY;
    index.write(e.addr, at, ADDR_BYTES, "hex");
    index.writeBigUInt64BE(BigInt(e.offset), at + ADDR_BYTES);
    index.writeUInt32BE(e.length, at + ADDR_BYTES + 8);
  });
  const indexOffset = pos;
  chunks.push(index);
  pos += index.length;
  const footer = Buffer.alloc(FOOTER_BYTES);
  FOOTER_MAGIC.copy(footer, 0);
  footer.writeBigUInt64BE(BigInt(indexOffset), 8);
  footer.writeUInt32BE(entries.length, 16);
  createHash("sha256").update(index).digest().copy(footer, 24);
  const whole = createHash("sha256");
  for (const c of chunks) whole.update(c);
  chunks.push(footer);
  return { chunks, size: pos + FOOTER_BYTES, entries, digest: whole.digest("hex") };
}

export type DecodedIndex = { readonly ok: true; readonly entries: PackEntry[] } | { readonly ok: false; readonly reason: string };

/**
 * The index of a pack from its footer and index bytes (read from the end of the file, `size` bytes long).
 * `readAt(offset, length)` reads from the file. Not ok when the pack is not whole: recover with scanPack.
 */
export function decodeIndex(size: number, readAt: (offset: number, length: number) => Buffer): DecodedIndex {
  if (size < FILE_MAGIC.length + FOOTER_BYTES) return { ok: false, reason: `it is ${size} bytes long, too short to be whole` };
  if (!readAt(0, FILE_MAGIC.length).equals(FILE_MAGIC)) return { ok: false, reason: "it does not start as a pack file" };
  const footer = readAt(size - FOOTER_BYTES, FOOTER_BYTES);
  if (!footer.subarray(0, FOOTER_MAGIC.length).equals(FOOTER_MAGIC)) return { ok: false, reason: "its index footer is missing (the file was cut short)" };
  const indexOffset = Number(footer.readBigUInt64BE(8));
  const count = footer.readUInt32BE(16);
  if (indexOffset + count * INDEX_ENTRY + FOOTER_BYTES !== size || indexOffset < FILE_MAGIC.length) return { ok: false, reason: "its index footer does not match the file's length" };
  const index = readAt(indexOffset, count * INDEX_ENTRY);
  if (!createHash("sha256").update(index).digest().equals(footer.subarray(24, 56))) return { ok: false, reason: "its index does not match the footer's checksum" };
  const entries: PackEntry[] = [];
  for (let k = 0; k < count; k++) {
    const at = k * INDEX_ENTRY;
    const e = { addr: index.toString("hex", at, at + ADDR_BYTES), offset: Number(index.readBigUInt64BE(at + ADDR_BYTES)), length: index.readUInt32BE(at + ADDR_BYTES + 8) };
    if (e.offset < FILE_MAGIC.length + ENTRY_HEAD || e.offset + e.length > indexOffset) return { ok: false, reason: `its index entry ${k + 1} points outside the objects` };
    entries.push(e);
  }
  return { ok: true, entries };
}

/** The objects of a pack that is not whole: every one whose header and bytes are complete, up to the first that is not. */
export function scanPack(data: Buffer): PackEntry[] {
  const entries: PackEntry[] = [];
  if (!data.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) return entries;
  let pos = FILE_MAGIC.length;
  while (pos + ENTRY_HEAD <= data.length && data.subarray(pos, pos + ENTRY_TAG.length).equals(ENTRY_TAG)) {
    const length = data.readUInt32BE(pos + ENTRY_TAG.length + ADDR_BYTES);
    const offset = pos + ENTRY_HEAD;
    if (offset + length > data.length) break;
    entries.push({ addr: data.toString("hex", pos + ENTRY_TAG.length, pos + ENTRY_TAG.length + ADDR_BYTES), offset, length });
    pos = offset + length;
  }
  return entries;
}
