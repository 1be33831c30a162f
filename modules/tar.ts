// A reader for (uncompressed) tar archives: POSIX ustar headers with their `prefix` field, GNU long names
// (`L`/`K` entries) and pax extended headers (`x`: path, linkpath, size), as GNU tar, bsdtar and git archive
// write them. Hard links become copies of the file they name. Devices and FIFOs are refused: a module
// package has no use for them.

import type { ArchiveEntry, ArchiveRead } from "./archive-entry.js";

const BLOCK = 512;
const decoder = new TextDecoder("utf-8");

export function readTar(bytes: Uint8Array): ArchiveRead {
  const entries: ArchiveEntry[] = [];
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Map<string, string> | undefined;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    if (!checksumOk(header)) return { error: `the tar header at byte ${offset} is corrupt (checksum mismatch)` };
    const type = String.fromCharCode(header[156]!);
    let size = parseNumber(header.subarray(124, 136));
    if (pax?.has("size")) size = Number(pax.get("size"));
    if (size === undefined || !Number.isFinite(size) || size < 0) return { error: `the tar header at byte ${offset} has an invalid size` };
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > bytes.length) return { error: "the tar archive is truncated" };
    const data = bytes.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === "L") {
      longName = cString(data);
      continue;
    }
    if (type === "K") {
      longLink = cString(data);
      continue;
    }
    if (type === "x") {
      pax = parsePax(data);
      continue;
    }
    if (type === "g") continue; // global pax header: nothing here affects paths
    const isUstar = decoder.decode(header.subarray(257, 262)) === "ustar";
    const prefix = isUstar ? cString(header.subarray(345, 500)) : "";
    const rawName = cString(header.subarray(0, 100));
    const path = pax?.get("path") ?? longName ?? (prefix !== "" ? `${prefix}/${rawName}` : rawName);
    const link = pax?.get("linkpath") ?? longLink ?? cString(header.subarray(157, 257));
    const mode = parseNumber(header.subarray(100, 108)) ?? 0o644;
    longName = longLink = pax = undefined;

    if (type === "0" || type === "\0" || type === "7") {
      entries.push({ kind: "file", path, data, executable: (mode & 0o111) !== 0 });
      files.set(normal(path), data);
    } else if (type === "5") entries.push({ kind: "dir", path });
    else if (type === "2") entries.push({ kind: "symlink", path, target: link });
    else if (type === "1") {
      const target = files.get(normal(link));
      if (target === undefined) return { error: `the hard link ${path} names ${link}, which is not earlier in the archive` };
      entries.push({ kind: "file", path, data: target, executable: (mode & 0o111) !== 0 });
    } else return { error: `the entry ${path} is a device or FIFO (tar type "${type}"), which a module package cannot contain` };
  }
  return { entries };
}

function normal(p: string): string {
  return p.replace(/^\.\//, "").replace(/\/+$/, "");
}

function cString(b: Uint8Array): string {
  const nul = b.indexOf(0);
  return decoder.decode(nul >= 0 ? b.subarray(0, nul) : b);
}

/** Octal, space/NUL terminated; or GNU's base-256 when the high bit of the first byte is set. */
function parseNumber(b: Uint8Array): number | undefined {
  if ((b[0]! & 0x80) !== 0) {
    let n = b[0]! & 0x7f;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i]!;
    return n;
  }
  const s = decoder.decode(b).replace(/[\0 ]+$/g, "").replace(/^[\0 ]+/, "");
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) return undefined;
  return parseInt(s, 8);
}

function checksumOk(header: Uint8Array): boolean {
  const stored = parseNumber(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return stored === sum;
}

/** pax records: "<length> <key>=<value>\n", length counting the whole record in bytes. */
function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space < 0) break;
    const len = Number(decoder.decode(data.subarray(i, space)));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = decoder.decode(data.subarray(space + 1, i + len - 1));
    const eq = record.indexOf("=");
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
}
