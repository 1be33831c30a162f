// Drift records: `cairn plan -refresh-only` and `cairn drift` compare the state with the real objects and
// record what drifted as a "drift" event in the trail (the state itself is unchanged, so it is not a
// version). The planner's refresh-only walk calls recordDriftCheck with the drifted instances.

import type { History } from "./history.js";
import { sanitizeArgs } from "./meta.js";
import type { HistoryRecord } from "./record.js";

export interface DriftedInstance {
  readonly address: string;
  /** "update": the object changed outside Cairn; "delete": it no longer exists. */
  readonly action: "update" | "delete";
}

export interface DriftMeta {
  /** "plan -refresh-only" or "drift". */
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly time?: Date;
}

/** Appends one drift-check event (also when nothing drifted: "checked, clean" is worth recording). */
export function recordDriftCheck(history: History, state: { serial: number; lineage: string }, drifted: readonly DriftedInstance[], meta: DriftMeta): HistoryRecord {
  const changes = [...drifted].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)).map((d) => ({ address: d.address, action: d.action }));
  return history.recordEvent(
    {
      event: "drift",
      serial: state.serial,
      lineage: state.lineage,
      command: { name: meta.command, args: sanitizeArgs(meta.args ?? []) },
      changes,
      outputs_changed: [],
    },
    meta,
  );
}
