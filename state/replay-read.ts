// The state as a read-only command (state list, state show, state pull, output, show, console) must show it:
// the state file plus the results a crashed apply made durable in its journal. An apply killed between two
// compactions has its completed creates only in "<state>.journal"; a reader of the file alone would not
// see objects that exist and that the next apply will keep. Nothing is written here: the journal is folded
// in memory, the state file and the journal stay as they are, and no lock is taken (Terraform's read
// commands do not lock either), so the next apply still recovers from the same journal.

import type { Diagnostic } from "../lang/diagnostics.js";
import { readJournalFile } from "./journal-records.js";
import type { StateFile } from "./model.js";
import { formatInstanceRef, replay, type PendingIntent } from "./replay.js";
import type { StateStore } from "./store.js";

export interface JournaledRead {
  /** The state file with the journal's results applied; undefined when there is no state. */
  readonly state?: StateFile;
  /** Intents with no result: operations whose outcome only the next apply can find out. */
  readonly pending: readonly PendingIntent[];
  /** Results taken from the journal (0 when there is none, or the state file already holds them). */
  readonly replayed: number;
  /** Errors: the state or the journal could not be loaded, or they do not belong together. A warning when
   * pending intents were left out. */
  readonly diags: Diagnostic[];
}

/** How often to re-read when an apply compacted between our reads of the state file and the journal. */
const ATTEMPTS = 3;

export async function readStateWithJournal(store: StateStore & { readonly journalPath: string }): Promise<JournaledRead> {
  for (let attempt = 1; ; attempt++) {
    const read = await store.read();
    if (read.diags.length > 0) return { pending: [], replayed: 0, diags: read.diags };
    // After the state: a store adopts the salt of an encrypted state file it opened, and the journal's
    // records are sealed with that key.
    const j = await readJournalFile(store.journalPath, store.keyring);
    if (j.diags.length > 0) return { state: read.state, pending: [], replayed: 0, diags: j.diags };
    if (read.state === undefined || j.records.length === 0) return { state: read.state, pending: [], replayed: 0, diags: [] };
    const header = j.records[0]!;
    // A running apply compacted after we read the file: the journal now extends a newer state file.
    const compactedMeanwhile = header.kind === "header" && header.lineage === read.state.lineage && header.serial > read.state.serial;
    if (compactedMeanwhile && attempt < ATTEMPTS) continue;
    const r = replay(read.state, j.records);
    if (r.diags.length > 0) return { state: undefined, pending: [], replayed: 0, diags: r.diags };
    return { state: r.state, pending: r.pending, replayed: r.applied, diags: r.pending.length > 0 ? [pendingWarning(store.journalPath, r.pending)] : [] };
  }
}

function pendingWarning(path: string, pending: readonly PendingIntent[]): Diagnostic {
  const shown = pending.slice(0, 3).map((p) => `${p.action} ${formatInstanceRef(p.ref)}`);
  const more = pending.length > shown.length ? `, and ${pending.length - shown.length} more` : "";
  return {
    severity: "warning",
    summary: "Interrupted apply",
    detail: `The state journal ${path} records ${pending.length} operation(s) that an interrupted apply started without recording their outcome (${shown.join(", ")}${more}); an object it was creating may or may not exist. They are not shown here; the next "cairn apply" looks them up with the provider and records what it finds.`,
  };
}
