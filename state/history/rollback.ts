// Rollback: a new version whose resources and outputs equal version N's, in the current lineage, with the
// serial moving forward (never back: a rollback is a change like any other, and history is never deleted).

import type { Diagnostic } from "../../lang/diagnostics.js";
import { cloneState, type StateFile } from "../model.js";
import type { History } from "./history.js";

/** The state to persist for `state rollback -serial N`, given the current state. */
export function rollbackState(history: History, serial: number, current: StateFile | undefined): { state?: StateFile; diags: Diagnostic[] } {
  const snap = history.snapshotAt(serial);
  if (!snap.state) return { diags: snap.diags };
  if (current !== undefined && snap.state.lineage !== current.lineage) {
    return {
      diags: [{ severity: "error", summary: "Rollback across lineages", detail: `Version ${serial} belongs to lineage ${snap.state.lineage}, but the current state has lineage ${current.lineage}. A rollback can only restore a version of the same state.` }],
    };
  }
  const next = cloneState(snap.state);
  next.serial = current?.serial ?? snap.state.serial;
  next.lineage = current?.lineage ?? snap.state.lineage;
  if (current) next.terraform_version = current.terraform_version;
  return { state: next, diags: [] };
}
