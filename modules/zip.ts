// A reader for .zip archives through their central directory (APPNOTE.TXT): the end-of-central-directory
// record is found from the end of the file, each central entry gives the name, method, sizes and the offset
// of its local header. Stored (0) and deflated (8) entries are read, the latter with node:zlib's inflateRaw.
// Zip64, encrypted entries and other methods are refused with a message. Unix symbolic links (mode 0120000 in
// the external attributes, as Info-ZIP writes them) become symlink entries.

import { inflateRawSync } from "node:zlib";
import type { ArchiveEntry, ArchiveRead } from "./archive-entry.js";

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const decoder = new TextDecoder("utf-8");

export function readZip(bytes: Uint8Array): ArchiveRead {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndRecord(view);
  if (eocd < 0) return { error: "it has no zip end-of-central-directory record" };
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return { error: "it is a Zip64 archive, which Cairn does not read" };
  if (cdOffset + cdSize > bytes.length) return { error: "its central directory lies outside the file" };

  const entries: ArchiveEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL_SIG) return { error: `central directory entry ${i + 1} is corrupt` };
    const madeBy = view.getUint16(p + 4, true);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const external = view.getUint32(p + 38, true);
    const localOffset = view.getUint32(p + 42, true);
    const path = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;

    const unixMode = madeBy >> 8 === 3 ? external >>> 16 : 0;
    if (path.endsWith("/")) {
      entries.push({ kind: "dir", path });
      continue;
    }
    if ((flags & 1) !== 0) return { error: `the entry ${path} is encrypted` };
    if (method !== 0 && method !== 8) return { error: `the entry ${path} uses compression method ${method}; only stored and deflated entries are read` };
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL_SIG) return { error: `the local header of ${path} is corrupt` };
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compSize > bytes.length) return { error: `the data of ${path} lies outside the file` };
    const raw = bytes.subarray(dataStart, dataStart + compSize);
    let data: Uint8Array;
    try {
      data = method === 0 ? raw : inflateRawSync(raw);
    } catch (err) {
      return { error: `the entry ${path} does not inflate: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (data.length !== size) return { error: `the entry ${path} inflates to ${data.length} bytes, not the ${size} its header records` };
    if ((unixMode & 0o170000) === 0o120000) entries.push({ kind: "symlink", path, target: decoder.decode(data) });
    else entries.push({ kind: "file", path, data, executable: (unixMode & 0o111) !== 0 });
  }
  return { entries };
}

/** The end record sits in the last 22 + 65535 (maximum comment) bytes; search backwards for its signature. */
function findEndRecord(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) {
    if (view.getUint32(i, true) === EOCD_SIG) return i;
  }
  return -1;
}
