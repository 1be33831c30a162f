// The records file and its head. Reading never throws: each line comes back parsed or with its error, so the
// verifier can report exactly which line is damaged.

import { existsSync, readFileSync, truncateSync } from "node:fs";
import { appendLineSync, ensureDir, writeFileAtomicSync } from "./files.js";
import type { HistoryPaths } from "./paths.js";
import { parseRecordLine, recordLine, type HistoryRecord } from "./record.js";

export interface TrailLine {
  /** 1-based line number in records.jsonl. */
  readonly line: number;
  readonly record?: HistoryRecord;
  readonly error?: string;
}

export interface Head {
  readonly seq: number;
  readonly hash: string;
}

export function readTrail(paths: HistoryPaths): TrailLine[] {
  if (!existsSync(paths.records)) return [];
  const text = readFileSync(paths.records, "utf8");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l, k) => ({ line: k + 1, ...parseRecordLine(l) }));
}

export function readHead(paths: HistoryPaths): Head | undefined | "unreadable" {
  if (!existsSync(paths.head)) return undefined;
  try {
    const v = JSON.parse(readFileSync(paths.head, "utf8")) as Head;
    return Number.isInteger(v.seq) && typeof v.hash === "string" ? v : "unreadable";
  } catch {
    return "unreadable";
  }
}

export function appendRecord(paths: HistoryPaths, r: HistoryRecord, fsync: boolean): void {
  ensureDir(paths.dir);
  dropTornTail(paths);
  appendLineSync(paths.records, recordLine(r), fsync);
  writeFileAtomicSync(paths.head, JSON.stringify({ seq: r.seq, hash: r.hash }), fsync);
}

/**
 * A crash during an append can leave a last line without its newline. That record never reached the head
 * (the head is written after the append), so it was never part of the chain: cut it off before appending,
 * or the next record would be glued onto it.
 */
function dropTornTail(paths: HistoryPaths): void {
  if (!existsSync(paths.records)) return;
  const text = readFileSync(paths.records);
  if (text.length === 0 || text[text.length - 1] === 0x0a) return;
  truncateSync(paths.records, text.lastIndexOf(0x0a) + 1);
}

/** Replaces the whole trail (pruning only): the new file is complete before it replaces the old one. */
export function rewriteTrail(paths: HistoryPaths, records: readonly HistoryRecord[], fsync: boolean): void {
  writeFileAtomicSync(paths.records, records.map((r) => recordLine(r) + "\n").join(""), fsync);
  const last = records[records.length - 1];
  if (last) writeFileAtomicSync(paths.head, JSON.stringify({ seq: last.seq, hash: last.hash }), fsync);
}
