// The state a plan starts from, without writing anything: the state file plus a crashed run's journal.

import type { Diagnostic } from "../lang/diagnostics.js";
import type { CoreContext } from "../planner/core/index.js";
import { MemoryStateSink } from "../planner/apply/state-sink.js";
import type { WorkspaceStateStore } from "./backend/backend.js";
import { readJournalFile } from "../state/journal-records.js";
import { replay } from "../state/replay.js";
import type { StateFile } from "../state/model.js";

/** The state to plan against, without writing anything: the state file plus a crashed run's journal. */
export async function stateForPlan(store: WorkspaceStateStore, core: CoreContext): Promise<{ state?: StateFile; diags: Diagnostic[] }> {
  const read = await store.read();
  if (read.diags.length > 0) return { diags: read.diags };
  const j = await readJournalFile(store.journalPath, store.keyring);
  if (j.diags.length > 0) return { diags: j.diags };
  if (read.state === undefined || j.records.length === 0) return { state: read.state, diags: [] };
  const r = replay(read.state, j.records);
  if (r.diags.length > 0) return { diags: r.diags };
  if (r.pending.length === 0) return { state: r.state, diags: [] };
  // Pending creates are resolved in memory only: a plan never writes state. The next apply records them.
  const sink = new MemoryStateSink(r.state);
  const rec = await core.recover(r.pending, sink);
  return { state: sink.currentState(), diags: rec.diags };
}
