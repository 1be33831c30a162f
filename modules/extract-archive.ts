// Unpacks a local .tar.gz/.tgz or .zip module archive into an (empty) staging directory. Every entry path is
// checked before anything is written: no absolute paths, no `..` escaping the package, no symbolic link
// pointing outside it (a "zip slip" would otherwise write anywhere on the machine).

import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { gunzipSync } from "node:zlib";
import type { ArchiveEntry, ArchiveRead } from "./archive-entry.js";
import { readTar } from "./tar.js";
import { readZip } from "./zip.js";

export type ExtractResult = { readonly digest: string } | { readonly error: string };

/** Extracts archivePath into dest; the digest is "sha256:<hex>" of the archive file's bytes. */
export function extractArchive(archivePath: string, format: "tar.gz" | "zip", dest: string): ExtractResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(archivePath);
  } catch (err) {
    return { error: `cannot read ${archivePath}: ${(err as NodeJS.ErrnoException).code === "EISDIR" ? "it is a directory, not an archive file" : (err as Error).message}` };
  }
  const digest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  let read: ArchiveRead;
  if (format === "zip") read = readZip(bytes);
  else {
    let tar: Buffer;
    try {
      tar = gunzipSync(bytes);
    } catch {
      return { error: `${archivePath} is not a gzip-compressed tar archive` };
    }
    read = readTar(tar);
  }
  if ("error" in read) return { error: `${archivePath} is not a valid ${format} archive: ${read.error}` };
  const checked = checkPaths(read.entries);
  if (checked !== undefined) return { error: `${archivePath}: ${checked}` };
  writeEntries(read.entries, dest);
  return { digest };
}

function safePath(p: string): string | undefined {
  const norm = posix.normalize(p.replaceAll("\\", "/")).replace(/\/+$/, "");
  if (norm.startsWith("/") || norm === ".." || norm.startsWith("../") || /^[A-Za-z]:/.test(norm)) return undefined;
  return norm === "." ? "" : norm;
}

function checkPaths(entries: readonly ArchiveEntry[]): string | undefined {
  for (const e of entries) {
    const path = safePath(e.path);
    if (path === undefined) return `the entry "${e.path}" would be written outside the module directory`;
    if (e.kind === "symlink") {
      const target = posix.normalize(posix.join(posix.dirname(path), e.target));
      if (e.target.startsWith("/") || target === ".." || target.startsWith("../")) {
        return `the symbolic link "${e.path}" points outside the module directory (to "${e.target}")`;
      }
    }
  }
  return undefined;
}

function writeEntries(entries: readonly ArchiveEntry[], dest: string): void {
  mkdirSync(dest, { recursive: true });
  // Links last, so that no file is ever written through a link the archive created.
  const ordered = [...entries.filter((e) => e.kind !== "symlink"), ...entries.filter((e) => e.kind === "symlink")];
  for (const e of ordered) {
    const rel = safePath(e.path)!;
    if (rel === "") continue;
    const full = join(dest, ...rel.split("/"));
    if (e.kind === "dir") {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    if (e.kind === "symlink") symlinkSync(e.target, full);
    else {
      writeFileSync(full, e.data);
      if (e.executable) chmodSync(full, 0o755);
    }
  }
}
