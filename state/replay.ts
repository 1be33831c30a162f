// Replay: the state after a crash = the state file + the journal's results, and the pending intents (an
// intent with no later result or abandon) that the planner must resolve by asking the provider to look the
// object up by its client token (then adopt it, or abandon the intent).
//
// The header ties a journal to the state file it extends:
// - same lineage and serial: apply its results (they are idempotent "set"/"remove" operations);
// - same lineage, header serial lower: a compaction already wrote these results into the state file and
//   crashed before resetting the journal; skip the results but keep the pending intents;
// - anything else (other lineage, a state file older than the journal): an error, nothing is applied.

import type { Diagnostic } from "../lang/diagnostics.js";
import { formatInstanceRef, instanceKeyOf, resourceKeyOf, type InstanceRef } from "./instance-ref.js";
import type { IntentAction, JournalRecord } from "./journal-records.js";
import type { StateFile } from "./model.js";
import { MutableState } from "./mutable-state.js";

export interface PendingIntent {
  readonly ref: InstanceRef;
  readonly token: string;
  readonly action: IntentAction;
  readonly provider: string;
}

export interface ReplayResult {
  readonly state: StateFile;
  readonly pending: PendingIntent[];
  /** Results applied to the state (0 for a stale journal). */
  readonly applied: number;
  /** The journal's results were already in the state file. */
  readonly stale: boolean;
  readonly diags: Diagnostic[];
}

export function replay(base: StateFile, records: readonly JournalRecord[]): ReplayResult {
  if (records.length === 0) return { state: base, pending: [], applied: 0, stale: false, diags: [] };
  const header = records[0];
  if (header.kind !== "header") return refuse(base, "it does not start with a header record.");
  if (header.lineage !== base.lineage) {
    return refuse(base, `it belongs to a state of lineage ${header.lineage}, but the state file has lineage ${base.lineage}.`);
  }
  if (header.serial > base.serial) {
    return refuse(base, `it extends serial ${header.serial}, but the state file has the older serial ${base.serial} (was it restored from a backup?).`);
  }
  const stale = header.serial < base.serial;
  const state = new MutableState(base);
  const pending = new PendingIntents();
  let applied = 0;
  for (let k = 1; k < records.length; k++) {
    const r = records[k];
    switch (r.kind) {
      case "intent":
        pending.add(r);
        break;
      case "abandon":
        pending.resolveToken(r.token);
        break;
      case "result":
        pending.resolveRef(r.ref);
        if (stale) break;
        if (r.instance === null) state.removeInstance(r.ref);
        else state.setInstance(r.ref, { provider: r.provider, each: r.each }, r.instance);
        applied++;
        break;
      case "output":
        if (!stale) state.setOutput(r.name, r.output);
        break;
      case "checks":
        if (!stale) state.setCheckResults(r.results);
        break;
      case "header":
        return refuse(base, `record ${k + 1} is a second header.`);
    }
  }
  return { state: applied > 0 ? state.toState() : base, pending: pending.list(), applied, stale, diags: [] };
}

/** Intents in the order they were recorded; a result for an address resolves every earlier intent on it. */
export class PendingIntents {
  private readonly byToken = new Map<string, PendingIntent>();
  private readonly tokensByRef = new Map<string, Set<string>>();

  add(i: PendingIntent): void {
    this.byToken.set(i.token, { ref: i.ref, token: i.token, action: i.action, provider: i.provider });
    const key = refKey(i.ref);
    let tokens = this.tokensByRef.get(key);
    if (!tokens) this.tokensByRef.set(key, (tokens = new Set()));
    tokens.add(i.token);
  }

  resolveToken(token: string): void {
    const i = this.byToken.get(token);
    if (!i) return;
    this.byToken.delete(token);
    this.tokensByRef.get(refKey(i.ref))?.delete(token);
  }

  resolveRef(ref: InstanceRef): void {
    const key = refKey(ref);
    for (const token of this.tokensByRef.get(key) ?? []) this.byToken.delete(token);
    this.tokensByRef.delete(key);
  }

  list(): PendingIntent[] {
    return [...this.byToken.values()];
  }

  get size(): number {
    return this.byToken.size;
  }
}

const refKey = (ref: InstanceRef): string => resourceKeyOf(ref) + instanceKeyOf(ref);

function refuse(base: StateFile, what: string): ReplayResult {
  return {
    state: base,
    pending: [],
    applied: 0,
    stale: false,
    diags: [
      {
        severity: "error",
        summary: "Failed to load state journal",
        detail: `The state journal does not match the state file: ${what} Cairn has applied nothing from it and left both files untouched.`,
      },
    ],
  };
}

export { formatInstanceRef };
