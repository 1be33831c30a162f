// The frame of every state-writing command: take the lock (unless -lock=false), heal the history (a version
// a crash left unrecorded is recorded now, as apply does), load the state, run the command's body, and
// release the lock however the body ends. A state that fails to load stops the command
// before the body runs, so a corrupt file is never rewritten.
// The state loaded includes what a crashed apply completed and recorded only in its journal: the body's
// result is persisted with a new serial, after which that journal's results count as already in the state
// file (state/replay.ts: a journal extending an older serial), so loading the file alone would drop them
// for good. The journal's pending intents stay for the next apply to resolve.

import { hasErrors } from "../lang/diagnostics.js";
import type { LocalStateStore } from "../state/local-store.js";
import type { StateFile } from "../state/model.js";
import { acquireStateLock, type LockOptions } from "./lock.js";
import { openingErrors } from "./open-state.js";
import { readStateWithJournal } from "../state/replay-read.js";
import type { OperationView } from "./view.js";
import type { Host } from "./host.js";
import { recordUnrecordedVersion } from "./record-version.js";

export async function runLocked(
  host: Host,
  store: LocalStateStore,
  lock: LockOptions,
  operation: string,
  ui: OperationView,
  body: (state: StateFile | undefined) => Promise<number>,
): Promise<number> {
  const refused = openingErrors(store);
  if (refused !== undefined) {
    ui.diagnostics(refused);
    return 1;
  }
  const held = await acquireStateLock(store, lock, operation, ui);
  if (!held.ok) {
    ui.diagnostics(held.diags);
    return 1;
  }
  try {
    ui.diagnostics(await recordUnrecordedVersion(store, host, operation.replaceAll("-", " ")));
    const read = await readStateWithJournal(store);
    ui.diagnostics(read.diags); // errors, or the warning that an interrupted apply left operations pending
    if (hasErrors(read.diags)) return 1;
    return await body(read.state);
  } finally {
    const released = await held.lock.release();
    ui.diagnostics(released);
  }
}

/** Persists `state` through the store; the error text (for Terraform's "Error saving the state") or undefined. */
export async function persistState(store: LocalStateStore, state: StateFile): Promise<string | undefined> {
  store.write(state);
  const diags = await store.persist();
  if (!hasErrors(diags)) return undefined;
  return diags.map((d) => (d.detail !== undefined && d.detail !== "" ? `${d.summary}: ${d.detail}` : d.summary)).join("\n");
}
