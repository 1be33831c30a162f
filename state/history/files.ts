// Small synchronous file helpers for the history: every file 0600, every directory 0700, replacements atomic
// (temp file + rename), appends and replacements fsynced when asked. History writes happen once per command,
// under the state lock, so synchronous I/O keeps the code simple without costing anything that matters.

import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

export function writeFileAtomicSync(path: string, data: string | Uint8Array, fsync: boolean): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeAll(fd, typeof data === "string" ? Buffer.from(data) : data);
    if (fsync) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSafe(tmp);
    throw err;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // already closed on the error path
    }
  }
  renameSync(tmp, path);
  if (fsync) syncDirSync(dirname(path));
}

/** writeSync may write less than asked (a pack is megabytes): loop until all of it is written. */
function writeAll(fd: number, data: Uint8Array): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done);
}

export function appendLineSync(path: string, line: string, fsync: boolean): void {
  const fd = openSync(path, "a", 0o600);
  try {
    writeSync(fd, line + "\n");
    if (fsync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncDirSync(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function unlinkSafe(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
