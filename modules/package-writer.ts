// Writes the entries an archive reader streams out into an (empty) staging directory, refusing anything a
// module package has no business containing: paths that leave the directory (absolute, `..`, drive letters:
// a "zip slip"), entries beneath a symbolic link of the archive, a path that is first one kind of entry and
// then another (a file, then a link of the same name), and more bytes or entries than the limits allow.
// File data goes to disk as it arrives, so memory does not grow with the archive. Links are created last,
// so nothing is ever written through one; then every link is followed to check it stays inside.

import { closeSync, copyFileSync, chmodSync, mkdirSync, openSync, symlinkSync, writeSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import type { ArchiveLimits } from "./archive-limits.js";
import { MAX_BYTES_ENV, MAX_ENTRIES_ENV } from "./archive-limits.js";
import { findEscapingLink } from "./package-links.js";

/** The archive is not one Cairn will install; the message says why. Any other error is a bug or the disk's. */
export class ArchiveRefused extends Error {}

type Kind = "file" | "dir" | "symlink";
const KIND_NAME: Record<Kind, string> = { file: "a file", dir: "a directory", symlink: "a symbolic link" };

export class PackageWriter {
  private readonly kinds = new Map<string, Kind>();
  private readonly fileSizes = new Map<string, number>();
  private readonly links: { path: string; target: string }[] = [];
  private entries = 0;
  private bytes = 0;
  private fd: number | undefined;
  private fileRemaining = 0;

  constructor(
    private readonly dest: string,
    private readonly limits: ArchiveLimits,
  ) {
    mkdirSync(dest, { recursive: true });
  }

  /** Counts bytes of the archive's unpacked stream (tar) that are not file data: headers, padding. */
  countOverhead(n: number): void {
    this.addBytes(n);
  }

  /** Starts a regular file of `size` bytes; its data follows through data() calls. */
  beginFile(rawPath: string, size: number, executable: boolean): void {
    const rel = this.admit(rawPath, "file");
    if (rel === undefined) return;
    // Refused on the header's word, before inflating a byte of it.
    this.addBytes(size);
    this.fileSizes.set(rel, size);
    const full = this.full(rel);
    mkdirSync(dirname(full), { recursive: true });
    this.fd = openSync(full, "w", executable ? 0o755 : 0o644);
    if (executable) chmodSync(full, 0o755);
    this.fileRemaining = size;
    if (size === 0) this.endFile();
  }

  /** File data, already counted by beginFile. */
  data(chunk: Uint8Array): void {
    if (this.fd === undefined) return; // a directory's or an ignored entry's data
    if (chunk.length > this.fileRemaining) throw new ArchiveRefused("an entry holds more data than its header declares");
    writeSync(this.fd, chunk);
    this.fileRemaining -= chunk.length;
    if (this.fileRemaining === 0) this.endFile();
  }

  dir(rawPath: string): void {
    const rel = this.admit(rawPath, "dir");
    if (rel !== undefined) mkdirSync(this.full(rel), { recursive: true });
  }

  symlink(rawPath: string, target: string): void {
    const rel = this.admit(rawPath, "symlink");
    if (rel === undefined) return;
    const lexical = posix.normalize(posix.join(posix.dirname(rel), target));
    if (target.startsWith("/") || /^[A-Za-z]:/.test(target) || lexical === ".." || lexical.startsWith("../")) {
      throw new ArchiveRefused(`the symbolic link "${rawPath}" points outside the module directory (to "${target}")`);
    }
    this.links.push({ path: rel, target });
  }

  /** A tar hard link: a copy of a file earlier in the archive, counted again (a thousand links to one big file are a bomb too). */
  hardLink(rawPath: string, target: string): void {
    const from = safePath(target);
    const size = from === undefined ? undefined : this.fileSizes.get(from);
    if (from === undefined || size === undefined || this.kinds.get(from) !== "file") throw new ArchiveRefused(`the hard link "${rawPath}" names "${target}", which is not a file earlier in the archive`);
    const rel = this.admit(rawPath, "file");
    if (rel === undefined) return;
    this.addBytes(size);
    this.fileSizes.set(rel, size);
    mkdirSync(dirname(this.full(rel)), { recursive: true });
    copyFileSync(this.full(from), this.full(rel));
  }

  /** Creates the links, then checks that following any of them stays inside the package. */
  finish(): void {
    if (this.fd !== undefined) throw new ArchiveRefused("the archive ends in the middle of a file");
    for (const l of this.links) {
      const full = this.full(l.path);
      mkdirSync(dirname(full), { recursive: true });
      symlinkSync(l.target, full);
    }
    const escape = findEscapingLink(this.dest);
    if (escape !== undefined) {
      throw new ArchiveRefused(
        escape.why === "loop"
          ? `the symbolic link "${escape.link}" (to "${escape.target}") never resolves: it leads through a loop of links`
          : `the symbolic link "${escape.link}" (to "${escape.target}") leads outside the module directory when the links it passes through are followed`,
      );
    }
  }

  /** Closes an open file (on every exit path, so a refused archive leaves no descriptor behind). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private endFile(): void {
    this.close();
  }

  /** The entry's checked relative path, or undefined for the package root itself. */
  private admit(rawPath: string, kind: Kind): string | undefined {
    if (this.fd !== undefined) throw new ArchiveRefused("the archive ends in the middle of a file");
    if (++this.entries > this.limits.maxEntries) {
      throw new ArchiveRefused(`it has more than ${this.limits.maxEntries} entries (the limit ${MAX_ENTRIES_ENV} sets)`);
    }
    const rel = safePath(rawPath);
    if (rel === undefined) throw new ArchiveRefused(`the entry "${rawPath}" would be written outside the module directory`);
    if (rel === "") return undefined;
    const before = this.kinds.get(rel);
    // A file may be replaced by a later copy (tar's append); any other repeat makes the package ambiguous.
    if (before !== undefined && !(before === kind && kind !== "symlink")) {
      throw new ArchiveRefused(`the archive contains "${rawPath}" twice, first as ${KIND_NAME[before]} and then as ${KIND_NAME[kind]}`);
    }
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      const parentKind = this.kinds.get(parent);
      if (parentKind === "symlink") throw new ArchiveRefused(`the entry "${rawPath}" lies beneath the symbolic link "${parent}" of the same archive`);
      if (parentKind === "file") throw new ArchiveRefused(`the entry "${rawPath}" lies beneath "${parent}", which the archive made a file`);
      if (parentKind === undefined) this.kinds.set(parent, "dir");
    }
    this.kinds.set(rel, kind);
    return rel;
  }

  private addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxBytes) {
      throw new ArchiveRefused(`it unpacks to more than ${this.limits.maxBytes} bytes (the limit ${MAX_BYTES_ENV} sets)`);
    }
  }

  private full(rel: string): string {
    return join(this.dest, ...rel.split("/"));
  }
}

/** The entry path as "a/b/c" below the package, "" for the package itself, undefined when it leaves it. */
function safePath(p: string): string | undefined {
  const norm = posix.normalize(p.replaceAll("\\", "/")).replace(/\/+$/, "");
  if (norm.startsWith("/") || norm === ".." || norm.startsWith("../") || /^[A-Za-z]:/.test(norm)) return undefined;
  return norm === "." ? "" : norm;
}
