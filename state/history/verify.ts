// Verifying the trail: every line parses; seqs are consecutive and in order (a gap is a removed record, a
// seq out of place a reordering); each record's hash matches its content; each record's `prev` is the hash
// of the record before it (or, after pruning, the anchor named by a prune record); the head file matches
// the last record (so removing the newest records is noticed); and every snapshot object matches its digest.

import type { History } from "./history.js";
import type { Finding } from "./findings.js";
import { recordHash, type HistoryRecord } from "./record.js";
import { readHead, readTrail } from "./trail.js";
import { walkReachable } from "./reachable.js";
import { SnapshotReadError, type ResourceHeader } from "./snapshot.js";
import { instanceAddress } from "./compare.js";
import type { Diagnostic } from "../../lang/diagnostics.js";

export function label(r: HistoryRecord): string {
  if (r.event === "version") return `version ${r.serial}`;
  if (r.event === "drift") return `drift check of version ${r.serial} (record ${r.seq})`;
  return `prune record ${r.seq}`;
}

export function verifyChain(history: History): Finding[] {
  const findings: Finding[] = [];
  const lines = readTrail(history.paths);
  const records: HistoryRecord[] = [];
  let lastGood: HistoryRecord | undefined;
  for (const l of lines) {
    if (l.record) {
      records.push(l.record);
      lastGood = l.record;
    } else {
      findings.push({ kind: "damaged-record", message: `The record on line ${l.line} of the trail${lastGood ? ` (after ${label(lastGood)})` : ""} is damaged: ${l.error}.` });
    }
  }
  for (const r of records) {
    if (recordHash(r) !== r.hash) findings.push({ kind: "edited-record", ...at(r), message: `${cap(label(r))}: the record was edited (its content does not match its hash).` });
  }
  // Order: a record whose seq is lower than one before it was moved.
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!;
    const b = records[i]!;
    if (b.seq <= a.seq) findings.push({ kind: "reordered-records", ...at(b), message: `${cap(label(b))} (record ${b.seq}) appears after ${label(a)} (record ${a.seq}): the records were reordered.` });
  }
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  const bySeq = new Map(sorted.map((r) => [r.seq, r]));
  const first = sorted[0];
  if (first) checkStart(first, sorted, findings);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.seq > a.seq + 1) {
      const n = b.seq - a.seq - 1;
      findings.push({ kind: "missing-record", ...at(b), message: `${n === 1 ? `Record ${a.seq + 1} is` : `Records ${a.seq + 1} to ${b.seq - 1} are`} missing between ${label(a)} and ${label(b)}: history was deleted.` });
    } else if (b.seq === a.seq + 1 && b.prev !== a.hash) {
      findings.push({ kind: "broken-link", ...at(b), message: `${cap(label(b))}: its link to ${label(a)} is broken (${label(a)} was edited and re-hashed, or replaced).` });
    }
  }
  const head = readHead(history.paths);
  const last = sorted[sorted.length - 1];
  if (head === "unreadable") findings.push({ kind: "truncated-trail", message: "The trail's head file is damaged, so removal of the newest records cannot be ruled out." });
  else if (head !== undefined && last === undefined) findings.push({ kind: "truncated-trail", seq: head.seq, message: `The trail is empty but its head names record ${head.seq}: all records were deleted.` });
  else if (head !== undefined && last !== undefined && (head.seq !== last.seq || head.hash !== last.hash)) {
    if (head.seq > last.seq) findings.push({ kind: "truncated-trail", ...at(last), message: `Records ${last.seq + 1} to ${head.seq} after ${label(last)} were removed (the head names record ${head.seq}).` });
    else if (!bySeq.has(head.seq) || bySeq.get(head.seq)!.hash !== head.hash) findings.push({ kind: "truncated-trail", ...at(last), message: `The head does not match ${label(last)}: the newest records were replaced.` });
  } else if (head === undefined && last !== undefined && !(sorted.length === 1 && last.seq === 1)) {
    // The head is written after each append, so a crash between the two leaves it one record behind: above,
    // a head naming the record before the last is accepted; for the first record, behind means absent.
    findings.push({ kind: "truncated-trail", ...at(last), message: "The trail's head file is missing." });
  }
  return findings;
}

function checkStart(first: HistoryRecord, sorted: readonly HistoryRecord[], findings: Finding[]): void {
  if (first.seq === 1) {
    if (first.prev !== "") findings.push({ kind: "broken-link", ...at(first), message: `${cap(label(first))}: the first record links to a previous record that never existed.` });
    return;
  }
  // After pruning, the first record's prev must be the anchor a prune record vouches for.
  const anchored = sorted.some((r) => r.event === "prune" && r.pruned?.anchor_seq === first.seq - 1 && r.pruned.anchor === first.prev);
  if (!anchored) {
    findings.push({ kind: "missing-record", ...at(first), message: `Records 1 to ${first.seq - 1} before ${label(first)} are missing and no prune record accounts for them: history was deleted.` });
  }
}

/** Opens every object every version references (each once) and checks it against its digest. */
export function verifySnapshots(history: History, onPlaintextSensitive?: (r: HistoryRecord) => void): { findings: Finding[]; diags: Diagnostic[] } {
  const findings: Finding[] = [];
  const diags: Diagnostic[] = [];
  history.files.reload();
  const versions = history.versions();
  const seenStoreDiag = new Set<string>();
  const storeFor = (r: HistoryRecord) => {
    const s = history.storeFor(r);
    if (!s.store && s.diag && !seenStoreDiag.has(s.diag.summary)) {
      seenStoreDiag.add(s.diag.summary);
      diags.push({ ...s.diag, detail: `${s.diag.detail ?? ""} The encrypted snapshots could not be checked.` });
    }
    return s.store;
  };
  const problem = (record: HistoryRecord, what: string, detail: string) => {
    const kind = /does not match|not encrypted/.test(detail) ? "snapshot-mismatch" : "damaged-snapshot";
    findings.push({ kind, ...at(record), message: `${cap(label(record))}: the snapshot ${describe(what)} was replaced or damaged (${detail}).` });
  };
  walkReachable(
    versions,
    storeFor,
    (v) => {
      if (v.what === "root" || v.what === "bucket") return; // opened, and so checked, by the walk itself
      const r = v.store.get(v.addr);
      if (!r.ok) {
        // An object of an encrypted store that fails to authenticate while this keyring opened the store's
        // address key (and so the store exists) was altered, not sealed with another key: the same finding, and
        // the same exit code, as a replaced plaintext object.
        if (r.problem === "locked" && !v.store.encrypted) diags.push(r.diag!);
        else problem(v.record, v.what, r.problem === "locked" ? `it does not authenticate with the history's key: ${r.detail}` : r.detail);
      } else if (!v.store.encrypted && v.what !== "outputs" && !r.text.includes('"sensitive_attributes":[]')) {
        onPlaintextSensitive?.(v.record);
      }
    },
    (v, err) => {
      if (err instanceof SnapshotReadError) problem(v.record, v.what, err.problem);
      else throw err;
    },
  );
  // A pack cut short (a crash with fsync off, a truncated copy): the objects it lost are reported above with
  // the versions that need them; the pack itself is named here, since nothing else would show it.
  for (const p of history.files.problems()) {
    findings.push({ kind: "damaged-pack", message: `The snapshot pack ${p.file} is not whole: ${p.reason}; the ${p.recovered} object${p.recovered === 1 ? "" : "s"} stored completely before the damage are still read. Pruning (CAIRN_HISTORY_KEEP) rewrites it.` });
  }
  // A root's header must agree with its record.
  for (const r of versions) {
    const h = history.handle(r);
    if (h.handle && (h.handle.root.serial !== r.serial || h.handle.root.lineage !== r.lineage)) {
      findings.push({ kind: "snapshot-mismatch", ...at(r), message: `${cap(label(r))}: the record's serial or lineage does not match its snapshot (serial ${h.handle.root.serial}, lineage ${h.handle.root.lineage}).` });
    }
  }
  return { findings, diags };
}

function describe(what: string): string {
  if (what === "root") return "root object";
  if (what === "bucket") return "bucket object";
  if (what === "outputs") return "outputs object";
  try {
    const [header, ik] = JSON.parse(what) as [ResourceHeader, string];
    return `object of ${instanceAddress(header, ik)}`;
  } catch {
    return "object";
  }
}

function at(r: HistoryRecord): { version?: number; seq: number } {
  return r.event === "version" ? { version: r.serial, seq: r.seq } : { version: r.serial, seq: r.seq };
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
