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
  /** The whole file. */
  readonly bytes: Buffer;
  readonly entries: readonly PackEntry[];
  /** sha256 hex of everything before the footer: the pack's file name, so equal packs share a name. */
  readonly digest: string;
}

/** Builds the file in one buffer (a first version's pack holds tens of thousands of objects). */
export function encodePack(objects: readonly (readonly [string, Uint8Array])[]): EncodedPack {
  let dataBytes = 0;
  for (const [, data] of objects) dataBytes += data.length;
  const indexOffset = FILE_MAGIC.length + objects.length * ENTRY_HEAD + dataBytes;
  const indexEnd = indexOffset + objects.length * INDEX_ENTRY;
  const bytes = Buffer.allocUnsafe(indexEnd + FOOTER_BYTES);
  FILE_MAGIC.copy(bytes, 0);
  const entries: PackEntry[] = [];
  let pos = FILE_MAGIC.length;
  objects.forEach(([addr, data], k) => {
    ENTRY_TAG.copy(bytes, pos);
    bytes.write(addr, pos + ENTRY_TAG.length, ADDR_BYTES, "hex");
    bytes.writeUInt32BE(data.length, pos + ENTRY_TAG.length + ADDR_BYTES);
    const offset = pos + ENTRY_HEAD;
    bytes.set(data, offset);
    entries.push({ addr, offset, length: data.length });
    const at = indexOffset + k * INDEX_ENTRY;
    bytes.write(addr, at, ADDR_BYTES, "hex");
    writeU64(bytes, offset, at + ADDR_BYTES);
    bytes.writeUInt32BE(data.length, at + ADDR_BYTES + 8);
    pos = offset + data.length;
  });
  const footer = indexEnd;
  FOOTER_MAGIC.copy(bytes, footer);
  writeU64(bytes, indexOffset, footer + 8);
  bytes.writeUInt32BE(objects.length, footer + 16);
  bytes.writeUInt32BE(0, footer + 20);
  createHash("sha256").update(bytes.subarray(indexOffset, indexEnd)).digest().copy(bytes, footer + 24);
  return { bytes, entries, digest: createHash("sha256").update(bytes.subarray(0, indexEnd)).digest("hex") };
}

function writeU64(b: Buffer, v: number, at: number): void {
  b.writeUInt32BE(Math.floor(v / 2 ** 32), at);
  b.writeUInt32BE(v >>> 0, at + 4);
}

function readU64(b: Buffer, at: number): number {
  return b.readUInt32BE(at) * 2 ** 32 + b.readUInt32BE(at + 4);
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
  const indexOffset = readU64(footer, 8);
  const count = footer.readUInt32BE(16);
  if (indexOffset + count * INDEX_ENTRY + FOOTER_BYTES !== size || indexOffset < FILE_MAGIC.length) return { ok: false, reason: "its index footer does not match the file's length" };
  const index = readAt(indexOffset, count * INDEX_ENTRY);
  if (!createHash("sha256").update(index).digest().equals(footer.subarray(24, 56))) return { ok: false, reason: "its index does not match the footer's checksum" };
  const entries: PackEntry[] = [];
  for (let k = 0; k < count; k++) {
    const at = k * INDEX_ENTRY;
    const e = { addr: index.toString("hex", at, at + ADDR_BYTES), offset: readU64(index, at + ADDR_BYTES), length: index.readUInt32BE(at + ADDR_BYTES + 8) };
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
