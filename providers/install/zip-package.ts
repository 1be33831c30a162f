// A packed provider package (terraform-provider-TYPE_VERSION_OS_ARCH.zip in a filesystem mirror) read and
// extracted as Terraform does when it installs one: every file entry written under the target directory
// with its Unix mode (executables stay executable). Only what provider packages use is read (stored and
// deflated entries, no encryption, no ZIP64); the archive is bounded in entries and in unpacked size, and
// a name that would escape the target directory is refused.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import { inflateRawSync } from "node:zlib";

const maxEntries = 10_000;
const maxUnpackedBytes = 2 * 1024 ** 3;

export interface ZipEntry {
  readonly name: string;
  readonly mode: number;
  readonly data: Buffer;
}

/** The file entries of a zip archive, or why it cannot be read. */
export function readZip(path: string): ZipEntry[] | string {
  const buf = readFileSync(path);
  // The end-of-central-directory record: within the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "not a zip archive (no end of central directory)";
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count > maxEntries) return `more than ${maxEntries} entries`;
  const out: ZipEntry[] = [];
  let unpacked = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return "a damaged central directory";
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const external = buf.readUInt32LE(at + 38);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString("utf8");
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue; // a directory entry: directories are made for the files in them
    if ((flags & 1) !== 0) return `the entry ${JSON.stringify(name)} is encrypted`;
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return "ZIP64 archives are not supported";
    unpacked += size;
    if (unpacked > maxUnpackedBytes) return "more than 2 GiB unpacked";
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return `a damaged entry ${JSON.stringify(name)}`;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch (err) {
        return `the entry ${JSON.stringify(name)} does not inflate: ${(err as Error).message}`;
      }
    } else return `the entry ${JSON.stringify(name)} uses compression method ${method}`;
    if (data.length !== size) return `the entry ${JSON.stringify(name)} has the wrong size`;
    // Unix permissions live in the high 16 bits when the archive was made on Unix; 0644 otherwise.
    const unixMode = (external >>> 16) & 0o777;
    out.push({ name, mode: unixMode === 0 ? 0o644 : unixMode, data });
  }
  return out;
}

/** Extracts `zipPath` into `dir` (which must not exist yet); an error message when it cannot. */
export function extractZip(zipPath: string, dir: string): string | undefined {
  const entries = readZip(zipPath);
  if (typeof entries === "string") return entries;
  for (const e of entries) {
    const rel = normalize(e.name);
    if (rel.startsWith("..") || rel.startsWith(sep) || rel.includes(`${sep}..${sep}`)) return `the entry ${JSON.stringify(e.name)} points outside the package`;
    const target = join(dir, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, e.data, { mode: e.mode });
  }
  return undefined;
}
