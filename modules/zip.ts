// A streaming reader for .zip archives through their central directory (APPNOTE.TXT): the end-of-central-
// directory record is found from the end of the file, each central entry gives the name, method, sizes and
// the offset of its local header. The whole directory is checked against the limits before a byte is
// inflated (a zip bomb's entries declare their sizes, or overlap one another's data); each entry's data is
// then read from the file and inflated in chunks straight to the PackageWriter. Stored (0) and deflated (8)
// entries are read; Zip64, encrypted entries and other methods are refused with a message. Unix symbolic
// links (mode 0120000 in the external attributes, as Info-ZIP writes them) become links.

import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { createInflateRaw } from "node:zlib";
import type { ArchiveLimits } from "./archive-limits.js";
import { MAX_BYTES_ENV, MAX_ENTRIES_ENV } from "./archive-limits.js";
import { ArchiveRefused, type PackageWriter } from "./package-writer.js";
import { streamInto } from "./stream-into.js";

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** A link's target is a path, not a payload. */
const MAX_LINK_TARGET = 4096;
const decoder = new TextDecoder("utf-8");

interface CentralEntry {
  readonly path: string;
  readonly flags: number;
  readonly method: number;
  readonly compSize: number;
  readonly size: number;
  readonly unixMode: number;
  readonly localOffset: number;
}

export async function readZip(archivePath: string, out: PackageWriter, limits: ArchiveLimits, signal: AbortSignal): Promise<void> {
  const fd = openSync(archivePath, "r");
  let entries: CentralEntry[];
  let fileSize: number;
  try {
    fileSize = fstatSync(fd).size;
    entries = readCentralDirectory(fd, fileSize, limits);
    for (const e of entries) {
      if (e.path.endsWith("/")) {
        out.dir(e.path);
        continue;
      }
      if ((e.flags & 1) !== 0) throw corrupt(`the entry ${e.path} is encrypted`);
      if (e.method !== 0 && e.method !== 8) throw new ArchiveRefused(`the entry ${e.path} uses compression method ${e.method}; only stored and deflated entries are read`);
      const start = dataStart(fd, fileSize, e);
      const isLink = (e.unixMode & 0o170000) === 0o120000;
      if (isLink) {
        if (e.size > MAX_LINK_TARGET) throw corrupt(`the symbolic link ${e.path} has a ${e.size}-byte target`);
        const target: Uint8Array[] = [];
        await inflate(archivePath, start, e, signal, (c) => target.push(c.slice()));
        out.symlink(e.path, decoder.decode(Buffer.concat(target)));
      } else {
        out.beginFile(e.path, e.size, (e.unixMode & 0o111) !== 0);
        await inflate(archivePath, start, e, signal, (c) => out.data(c));
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Streams one entry's data through inflation to sink, which sees at most the entry's declared size. */
async function inflate(archivePath: string, start: number, e: CentralEntry, signal: AbortSignal, sink: (c: Uint8Array) => void): Promise<void> {
  let got = 0;
  const consume = (chunk: Uint8Array): void => {
    got += chunk.length;
    if (got > e.size) throw corrupt(`the entry ${e.path} inflates to more than the ${e.size} bytes its header records`);
    sink(chunk);
  };
  try {
    if (e.compSize > 0) {
      const raw = createReadStream(archivePath, { start, end: start + e.compSize - 1, highWaterMark: 64 * 1024 });
      await streamInto(raw, e.method === 0 ? undefined : createInflateRaw(), consume, signal);
    }
  } catch (err) {
    if (err instanceof ArchiveRefused || (err as Error).name === "AbortError") throw err;
    if (typeof (err as NodeJS.ErrnoException).code === "string" && (err as NodeJS.ErrnoException).code!.startsWith("Z_")) {
      throw corrupt(`the entry ${e.path} does not inflate: ${(err as Error).message}`);
    }
    throw err;
  }
  if (got !== e.size) throw corrupt(`the entry ${e.path} inflates to ${got} bytes, not the ${e.size} its header records`);
}

function readCentralDirectory(fd: number, fileSize: number, limits: ArchiveLimits): CentralEntry[] {
  const tailLen = Math.min(fileSize, 22 + 0xffff);
  const tail = readAt(fd, fileSize - tailLen, tailLen);
  const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const eocd = findEndRecord(tailView);
  if (eocd < 0) throw corrupt("it has no zip end-of-central-directory record");
  const count = tailView.getUint16(eocd + 10, true);
  const cdSize = tailView.getUint32(eocd + 12, true);
  const cdOffset = tailView.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw corrupt("it is a Zip64 archive, which Cairn does not read");
  if (cdOffset + cdSize > fileSize) throw corrupt("its central directory lies outside the file");
  if (count > limits.maxEntries) throw new ArchiveRefused(`it has ${count} entries, more than the ${limits.maxEntries} the limit ${MAX_ENTRIES_ENV} sets`);

  const cd = readAt(fd, cdOffset, cdSize);
  const view = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const entries: CentralEntry[] = [];
  let declared = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || view.getUint32(p, true) !== CENTRAL_SIG) throw corrupt(`central directory entry ${i + 1} is corrupt`);
    const madeBy = view.getUint16(p + 4, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const external = view.getUint32(p + 38, true);
    const entry: CentralEntry = {
      path: decoder.decode(cd.subarray(p + 46, p + 46 + nameLen)),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      unixMode: madeBy >> 8 === 3 ? external >>> 16 : 0,
      localOffset: view.getUint32(p + 42, true),
    };
    p += 46 + nameLen + extraLen + commentLen;
    // Refused on the directory's word, before anything is inflated.
    declared += entry.size;
    if (declared > limits.maxBytes) throw new ArchiveRefused(`it unpacks to more than ${limits.maxBytes} bytes (the limit ${MAX_BYTES_ENV} sets)`);
    entries.push(entry);
  }
  return entries;
}

function dataStart(fd: number, fileSize: number, e: CentralEntry): number {
  if (e.localOffset + 30 > fileSize) throw corrupt(`the local header of ${e.path} is corrupt`);
  const local = readAt(fd, e.localOffset, 30);
  const view = new DataView(local.buffer, local.byteOffset, local.byteLength);
  if (view.getUint32(0, true) !== LOCAL_SIG) throw corrupt(`the local header of ${e.path} is corrupt`);
  const start = e.localOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  if (start + e.compSize > fileSize) throw corrupt(`the data of ${e.path} lies outside the file`);
  return start;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}

/** The end record sits in the last 22 + 65535 (maximum comment) bytes; search backwards for its signature. */
function findEndRecord(view: DataView): number {
  for (let i = view.byteLength - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD_SIG) return i;
  }
  return -1;
}

function corrupt(why: string): ArchiveRefused {
  return new ArchiveRefused(`it is not a valid zip archive: ${why}`);
}
