// Crash-safe file replacement: write a temporary file in the same directory, fsync it, rename it over the
// target (atomic on POSIX file systems), then fsync the directory so the rename itself is durable. A reader
// therefore sees either the old or the new content, never a mix, even after kill -9 or power loss.
// AtomicFileWriter does the same in pieces (the state file is streamed, never held as one string), and can
// be abandoned before the rename; copyFileAtomic replaces a file with a copy of another (the backup) without
// reading it into memory.

import { copyFile, lstat, open, readlink, rename, unlink, type FileHandle } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";

/**
 * The file a write to `path` must replace: `path` itself, or, when it is a symbolic link, the file the link
 * (and any chain of links) points to, so the link stays a link and the new content lands where it pointed,
 * as Terraform writes a symlinked state file. A dangling link's target is created.
 */
export async function writeTarget(path: string): Promise<string> {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = (await lstat(p)).isSymbolicLink();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return p;
      throw err;
    }
    if (!isLink) return p;
    p = resolve(dirname(p), await readlink(p));
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: "ELOOP" });
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const w = await AtomicFileWriter.create(path, mode);
  try {
    await w.write(data);
  } catch (err) {
    await w.abort();
    throw err;
  }
  await w.commit();
}

/** Replaces `path` atomically with a copy of `source`. */
export async function copyFileAtomic(source: string, link: string, mode = 0o600): Promise<void> {
  const path = await writeTarget(link);
  const tmp = tempPath(path);
  try {
    await copyFile(source, tmp);
    const fh = await open(tmp, "r+");
    try {
      await fh.chmod(mode);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dirname(path));
}

/** Strings are gathered up to this many characters before one write (a piece larger than this goes alone). */
const WRITE_CHUNK = 1 << 20;

/** A replacement written in pieces: write() any number of times, then commit() (fsync, rename) or abort(). */
export class AtomicFileWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private done = false;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
    private readonly mode: number,
  ) {}

  static async create(link: string, mode = 0o600): Promise<AtomicFileWriter> {
    const path = await writeTarget(link);
    const tmp = tempPath(path);
    const fh = await open(tmp, "wx", mode);
    return new AtomicFileWriter(path, tmp, fh, mode);
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (typeof data === "string") {
      this.pending.push(data);
      this.pendingChars += data.length;
      if (this.pendingChars >= WRITE_CHUNK) await this.drain();
      return;
    }
    await this.drain();
    await writeAll(this.fh, data);
  }

  /** Makes the new content durable and puts it in place. */
  async commit(): Promise<void> {
    try {
      await this.drain();
      await this.fh.chmod(this.mode); // the creation mode is reduced by the umask; state files must be exactly 0600
      await this.fh.sync();
    } catch (err) {
      await this.abort();
      throw err;
    }
    this.done = true;
    await this.fh.close();
    try {
      await rename(this.tmp, this.path);
    } catch (err) {
      await unlink(this.tmp).catch(() => undefined);
      throw err;
    }
    await syncDirectory(dirname(this.path));
  }

  /** Drops the temporary file; the target is untouched. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    await this.fh.close().catch(() => undefined);
    await unlink(this.tmp).catch(() => undefined);
  }

  private async drain(): Promise<void> {
    if (this.pendingChars === 0 && this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.length === 1 ? this.pending[0] : this.pending.join(""), "utf8");
    this.pending = [];
    this.pendingChars = 0;
    await writeAll(this.fh, buf);
  }
}

async function writeAll(fh: FileHandle, data: Uint8Array): Promise<void> {
  let off = 0;
  while (off < data.length) {
    const { bytesWritten } = await fh.write(data, off, data.length - off);
    off += bytesWritten;
  }
}

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** Makes a directory entry change (create, rename, unlink) durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const dh = await open(dir, "r");
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}
