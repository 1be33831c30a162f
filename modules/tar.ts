// A streaming reader for (uncompressed) tar: POSIX ustar headers with their `prefix` field, GNU long names
// (`L`/`K` entries) and pax extended headers (`x`: path, linkpath, size), as GNU tar, bsdtar and git archive
// write them. Bytes are pushed in chunks of any size as the gzip stream inflates them; each entry goes
// straight to the PackageWriter, so no more than one header and one metadata record is ever held in memory.
// Hard links become copies of the file they name. Devices and FIFOs are refused: a module package has no use
// for them.

import { ArchiveRefused, type PackageWriter } from "./package-writer.js";

const BLOCK = 512;
/** Long names and pax records are a few hundred bytes; anything near this is not a module package. */
const MAX_METADATA = 1024 * 1024;
const decoder = new TextDecoder("utf-8");

type Body =
  | { readonly to: "file" } // data goes to the writer, which counted it from the header
  | { readonly to: "meta"; readonly type: string; readonly parts: Uint8Array[] }
  | { readonly to: "skip" };

export class TarReader {
  private header = new Uint8Array(BLOCK);
  private headerFill = 0;
  private offset = 0; // of the next byte in the tar stream, for messages
  private body: Body | undefined;
  private bodyLeft = 0;
  private padLeft = 0;
  private ended = false;
  private longName: string | undefined;
  private longLink: string | undefined;
  private pax: Map<string, string> | undefined;

  constructor(private readonly out: PackageWriter) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && !this.ended) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyBytes(chunk.subarray(i, i + n));
        this.bodyLeft -= n;
        i += n;
        if (this.bodyLeft === 0) this.endBody();
      } else if (this.padLeft > 0) {
        const n = Math.min(this.padLeft, chunk.length - i);
        this.out.countOverhead(n);
        this.padLeft -= n;
        i += n;
      } else {
        const n = Math.min(BLOCK - this.headerFill, chunk.length - i);
        this.header.set(chunk.subarray(i, i + n), this.headerFill);
        this.headerFill += n;
        i += n;
        if (this.headerFill === BLOCK) {
          this.headerFill = 0;
          this.out.countOverhead(BLOCK);
          this.startEntry();
        }
      }
    }
    // Whatever follows the end marker still had to be inflated, so it still counts.
    if (i < chunk.length) this.out.countOverhead(chunk.length - i);
  }

  /** The stream is over: it must not stop inside an entry. */
  end(): void {
    if (this.ended) return;
    if (this.bodyLeft > 0 || this.headerFill > 0) throw new ArchiveRefused("it is not a valid tar archive: the tar archive is truncated");
    // A stream that ends without the two zero blocks is accepted, as GNU tar does.
  }

  private startEntry(): void {
    const header = this.header;
    const at = this.offset;
    if (header.every((b) => b === 0)) {
      this.ended = true; // end-of-archive marker; what follows is padding
      return;
    }
    if (!checksumOk(header)) throw corrupt(`the tar header at byte ${at} is corrupt (checksum mismatch)`);
    const type = String.fromCharCode(header[156]!);
    let size = parseNumber(header.subarray(124, 136));
    if (this.pax?.has("size")) size = Number(this.pax.get("size"));
    if (size === undefined || !Number.isSafeInteger(size) || size < 0) throw corrupt(`the tar header at byte ${at} has an invalid size`);
    this.offset = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    this.bodyLeft = size;
    this.padLeft = Math.ceil(size / BLOCK) * BLOCK - size;

    if (type === "L" || type === "K" || type === "x") {
      if (size > MAX_METADATA) throw corrupt(`the metadata entry at byte ${at} claims ${size} bytes`);
      this.body = { to: "meta", type, parts: [] };
    } else if (type === "g") {
      this.body = { to: "skip" }; // global pax header: nothing in it affects paths
    } else {
      this.entry(header, type, size);
    }
    if (this.bodyLeft === 0) this.endBody();
  }

  private entry(header: Uint8Array, type: string, size: number): void {
    const isUstar = decoder.decode(header.subarray(257, 262)) === "ustar";
    const prefix = isUstar ? cString(header.subarray(345, 500)) : "";
    const rawName = cString(header.subarray(0, 100));
    const path = this.pax?.get("path") ?? this.longName ?? (prefix !== "" ? `${prefix}/${rawName}` : rawName);
    const link = this.pax?.get("linkpath") ?? this.longLink ?? cString(header.subarray(157, 257));
    const mode = parseNumber(header.subarray(100, 108)) ?? 0o644;
    this.longName = this.longLink = this.pax = undefined;
    this.body = { to: "skip" };
    if (type === "0" || type === "\0" || type === "7") {
      this.out.beginFile(path, size, (mode & 0o111) !== 0);
      this.body = { to: "file" };
    } else if (type === "5") this.out.dir(path);
    else if (type === "2") this.out.symlink(path, link);
    else if (type === "1") this.out.hardLink(path, link);
    else throw new ArchiveRefused(`the entry ${path} is a device, FIFO or other special file (tar type "${type}"), which a module package cannot contain`);
  }

  private bodyBytes(b: Uint8Array): void {
    const body = this.body;
    if (body?.to === "file") this.out.data(b);
    else {
      this.out.countOverhead(b.length);
      if (body?.to === "meta") body.parts.push(b.slice());
    }
  }

  private endBody(): void {
    const body = this.body;
    this.body = undefined;
    if (body?.to !== "meta") return;
    const data = Buffer.concat(body.parts);
    if (body.type === "L") this.longName = cString(data);
    else if (body.type === "K") this.longLink = cString(data);
    else this.pax = parsePax(data);
  }
}

function corrupt(why: string): ArchiveRefused {
  return new ArchiveRefused(`it is not a valid tar archive: ${why}`);
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
