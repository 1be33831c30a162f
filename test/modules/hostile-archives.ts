// Builders of hostile module packages for the tests: tar and zip archives written byte by byte (so an entry
// can be anything a hostile archive holds), gzip bombs made of repeated gzip members (a few bytes each that
// inflate to a mebibyte of zeros), and zip bombs whose entries declare or inflate to far more than they hold.

import { deflateRawSync, gzipSync } from "node:zlib";

export interface TarEntry {
  readonly name: string;
  /** "0" file, "2" symlink, "5" directory, "1" hard link. */
  readonly type: "0" | "1" | "2" | "5";
  readonly data?: string;
  readonly link?: string;
  /** The size the header declares, when it differs from the data (a bomb's header). */
  readonly size?: number;
}

export function tarHeader(e: TarEntry): Buffer {
  const header = Buffer.alloc(512);
  header.write(e.name, 0);
  header.write(e.type === "5" ? "0000755\0" : "0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  const size = e.size ?? Buffer.byteLength(e.data ?? "");
  header.write(size.toString(8).padStart(11, "0") + "\0", 124);
  header.write("00000000000\0", 136);
  header.write(e.type, 156);
  if (e.link !== undefined) header.write(e.link, 157);
  header.write("ustar\0", 257);
  header.write("00", 263);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return header;
}

/** A complete tar stream of the entries, data padded to blocks, with the end marker. */
export function tarOf(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(tarHeader(e));
    const data = Buffer.from(e.data ?? "");
    if (data.length > 0) parts.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const MIB = 1024 * 1024;

/** About 1 MB of gzip: one file whose header declares a gibibyte, followed by a gibibyte of zeros. */
export function oneHugeFileTarGz(): Buffer {
  const zeros = gzipSync(Buffer.alloc(MIB), { level: 9 });
  return Buffer.concat([gzipSync(tarHeader({ name: "bomb.bin", type: "0", size: 1024 * MIB })), ...Array.from({ length: 1024 }, () => zeros)]);
}

/** About 1 MB of gzip: thousands of 256 KiB files of zeros, each small enough on its own. */
export function manyFilesTarGz(): Buffer {
  const fileSize = 256 * 1024;
  // Each header is a gzip member of its own; every file's zeros are one shared member.
  const zeros = gzipSync(Buffer.alloc(fileSize), { level: 9 });
  const parts: Buffer[] = [];
  let total = 0;
  for (let i = 0; total < MIB; i++) {
    const header = gzipSync(tarHeader({ name: `f${String(i).padStart(5, "0")}.bin`, type: "0", size: fileSize }));
    parts.push(header, zeros);
    total += header.length + zeros.length;
  }
  return Buffer.concat(parts);
}

interface ZipEntry {
  readonly name: string;
  readonly raw: Buffer; // deflated data
  readonly declaredSize: number;
  readonly localOffset?: number; // to make entries share (overlap) one local record
}

function zipOf(entries: readonly ZipEntry[], localRecords: readonly { name: string; raw: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const r of localRecords) {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(r.raw.length, 18);
    h.writeUInt16LE(Buffer.byteLength(r.name), 26);
    offsets.push(offset);
    const rec = Buffer.concat([h, Buffer.from(r.name), r.raw]);
    locals.push(rec);
    offset += rec.length;
  }
  const central: Buffer[] = [];
  for (const e of entries) {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(0x031e, 4); // made by Unix
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.raw.length, 20);
    c.writeUInt32LE(e.declaredSize, 24);
    c.writeUInt16LE(Buffer.byteLength(e.name), 28);
    c.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    c.writeUInt32LE(e.localOffset ?? 0, 42);
    central.push(Buffer.concat([c, Buffer.from(e.name)]));
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A record that declares a gibibyte (the data is the first 64 MiB of it: the size alone must refuse it). */
export function hugeDeclaredZip(): Buffer {
  const raw = deflateRawSync(Buffer.alloc(64 * MIB), { level: 9 });
  return zipOf([{ name: "bomb.bin", raw, declaredSize: 1024 * MIB }], [{ name: "bomb.bin", raw }]);
}

/** Small: the central directory declares 100 bytes, the data inflates to 64 MiB. */
export function lyingZipBomb(): Buffer {
  const raw = deflateRawSync(Buffer.alloc(64 * MIB), { level: 9 });
  return zipOf([{ name: "small.tf", raw, declaredSize: 100 }], [{ name: "small.tf", raw }]);
}

/**
 * About 1 MB: `count` central entries that all point at one local record of 64 MiB of zeros (overlapping
 * files, after Fifield's "better zip bomb"): about a terabyte from a megabyte.
 */
export function overlappingZipBomb(count = 16_000): Buffer {
  const raw = deflateRawSync(Buffer.alloc(64 * MIB), { level: 9 });
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) entries.push({ name: `file-${String(i).padStart(6, "0")}-of-the-bomb.bin`, raw, declaredSize: 64 * MIB, localOffset: 0 });
  return zipOf(entries, [{ name: "f0.bin", raw }]);
}
