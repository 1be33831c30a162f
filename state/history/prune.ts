// Retention: keep the newest `keep` versions. Pruning removes older records from the trail and their
// snapshots' unshared objects, and appends a "prune" record that names the hash of the last record removed
// (the anchor), so the remaining trail still verifies from its first record to the head.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { History } from "./history.js";
import { actorFrom } from "./meta.js";
import { RECORD_FORMAT, sealRecord, type HistoryRecord } from "./record.js";
import { walkReachable } from "./reachable.js";
import { readTrail, rewriteTrail } from "./trail.js";
import type { ObjectStore } from "./object-store.js";

export function pruneTrail(history: History, keep: number, meta: { env?: NodeJS.ProcessEnv; time?: Date }): Diagnostic[] {
  if (!Number.isInteger(keep) || keep < 1) return [{ severity: "error", summary: "Invalid history retention", detail: `keep must be a whole number of at least 1, not ${keep}.` }];
  const lines = readTrail(history.paths);
  if (lines.some((l) => l.record === undefined)) {
    return [{ severity: "warning", summary: "History not pruned", detail: 'The history has damaged records, so nothing was pruned. Run "cairn state audit".' }];
  }
  const records = lines.map((l) => l.record!);
  const versions = records.filter((r) => r.event === "version");
  if (versions.length <= keep) return [];
  const firstKept = versions[versions.length - keep]!;
  const removed = records.filter((r) => r.seq < firstKept.seq);
  const kept = records.filter((r) => r.seq >= firstKept.seq);
  const removedVersions = removed.filter((r) => r.event === "version");
  const last = records[records.length - 1]!;
  const prune = sealRecord({
    format: RECORD_FORMAT,
    seq: last.seq + 1,
    event: "prune",
    serial: last.serial,
    lineage: last.lineage,
    time: (meta.time ?? new Date()).toISOString(),
    actor: actorFrom(meta.env ?? process.env),
    command: { name: "prune", args: [`keep=${keep}`] },
    cairn_version: history.options.cairnVersion ?? last.cairn_version,
    changes: [],
    outputs_changed: [],
    pruned: {
      count: removedVersions.length,
      first_serial: removedVersions[0]?.serial ?? 0,
      last_serial: removedVersions[removedVersions.length - 1]?.serial ?? 0,
      anchor: firstKept.prev,
      anchor_seq: firstKept.seq - 1,
    },
    prev: last.hash,
  });
  rewriteTrail(history.paths, [...kept, prune], history.fsync);
  return collectGarbage(history, kept.filter((r) => r.event === "version"));
}

/** Deletes objects no kept version references. Skipped (safely) when a kept snapshot cannot be opened. */
function collectGarbage(history: History, keptVersions: readonly HistoryRecord[]): Diagnostic[] {
  const reachable = new Set<string>();
  let complete = true;
  const storeFor = (r: HistoryRecord): ObjectStore | undefined => {
    const s = history.storeFor(r).store;
    if (!s) complete = false;
    return s;
  };
  walkReachable(keptVersions, storeFor, (v) => reachable.add(v.addr), () => (complete = false));
  if (!complete) {
    return [{ severity: "warning", summary: "History snapshots not pruned", detail: "Some kept snapshots could not be opened, so no snapshot objects were deleted." }];
  }
  history.files.retain(reachable);
  return [];
}
