// Unpacks a local .tar.gz/.tgz or .zip module archive into a staging directory, streaming: the archive is
// read, inflated and written in chunks, counted against the limits as it goes (archive-limits.ts), so a
// few kilobytes that claim gigabytes are refused early and memory stays small whatever the archive holds.
// Every entry path is checked before it is written (package-writer.ts). On any refusal or failure the
// staging directory is removed: nothing of a refused archive stays on disk.

import { createHash } from "node:crypto";
import { createReadStream, rmSync } from "node:fs";
import { createGunzip } from "node:zlib";
import type { ArchiveLimits } from "./archive-limits.js";
import { ArchiveRefused, PackageWriter } from "./package-writer.js";
import { streamInto } from "./stream-into.js";
import { TarReader } from "./tar.js";
import { readZip } from "./zip.js";

export type ExtractResult = { readonly digest: string } | { readonly error: string };

export interface ExtractOptions {
  readonly limits: ArchiveLimits;
  /** Aborts the extraction (Ctrl-C); the result is then an error saying so. */
  readonly signal: AbortSignal;
}

/** Extracts archivePath into dest; the digest is "sha256:<hex>" of the archive file's bytes. */
export async function extractArchive(archivePath: string, format: "tar.gz" | "zip", dest: string, opts: ExtractOptions): Promise<ExtractResult> {
  const result = await extract(archivePath, format, dest, opts);
  if ("error" in result) rmSync(dest, { recursive: true, force: true });
  return result;
}

async function extract(archivePath: string, format: "tar.gz" | "zip", dest: string, opts: ExtractOptions): Promise<ExtractResult> {
  let digest: string;
  try {
    digest = await sha256(archivePath, opts.signal);
  } catch (err) {
    if (isAbort(err)) return { error: "interrupted" };
    return { error: `cannot read ${archivePath}: ${(err as NodeJS.ErrnoException).code === "EISDIR" ? "it is a directory, not an archive file" : (err as Error).message}` };
  }
  const out = new PackageWriter(dest, opts.limits);
  try {
    if (format === "zip") await readZip(archivePath, out, opts.limits, opts.signal);
    else await readTarGz(archivePath, out, opts.signal);
    out.finish();
    return { digest };
  } catch (err) {
    if (err instanceof ArchiveRefused) return { error: `${archivePath}: ${err.message}` };
    if (isAbort(err)) return { error: "interrupted" };
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("Z_")) return { error: `${archivePath} is not a gzip-compressed tar archive` };
    // The disk's problems (ENOSPC, EACCES, EIO) are the user's to fix, so a message, not a crash.
    if (typeof code === "string") return { error: `cannot unpack ${archivePath} into ${dest}: ${(err as Error).message}` };
    throw err;
  } finally {
    out.close();
  }
}

async function readTarGz(archivePath: string, out: PackageWriter, signal: AbortSignal): Promise<void> {
  const tar = new TarReader(out);
  await streamInto(createReadStream(archivePath, { highWaterMark: 64 * 1024 }), createGunzip(), (chunk) => tar.push(chunk), signal);
  tar.end();
}

async function sha256(path: string, signal: AbortSignal): Promise<string> {
  const hash = createHash("sha256");
  await streamInto(createReadStream(path), undefined, (c) => hash.update(c), signal);
  return `sha256:${hash.digest("hex")}`;
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === "AbortError";
}
