// The state history of the -state file (default the selected workspace's state), opened with the state's
// keyring (operations/keyring.ts).

import type { Diagnostic } from "../lang/diagnostics.js";
import { openHistory, type History } from "../state/history/history.js";
import { UnsafeHistoryDirectory } from "../state/history/paths.js";
import type { VariableFlag } from "../planner/variables/raw.js";
import { openWorkspaceStore } from "./backend/open.js";
import { VERSION } from "./version.js";
import { stateKeyring } from "./keyring.js";
import type { Host } from "./host.js";

/**
 * The history of the -state file (default the selected workspace's state), with the state's keyring. A command
 * that writes to it outside recordStateVersion/recordPlanDrift (state audit -rekey) pushes it back with
 * `push` (pg keeps the history in the database: docs/backends.md).
 */
export async function openCommandHistory(
  ctx: Host,
  stateFlag: string | undefined,
  varFlags?: readonly VariableFlag[],
): Promise<{ history?: History; statePath: string; historyPath: string; push: () => Promise<Diagnostic[]>; diags: Diagnostic[] }> {
  const k = stateKeyring(ctx, { varFlags });
  const opened = openWorkspaceStore(ctx, { statePath: stateFlag, keyring: k.keyring, refusal: k.diags });
  const statePath = opened.store.path;
  const historyPath = opened.store.historyPath;
  const push = async () => (await opened.store.historySync?.push()) ?? [];
  if (opened.refusal !== undefined) return { statePath, historyPath, push, diags: opened.refusal };
  if (k.diags.length > 0) return { statePath, historyPath, push, diags: k.diags };
  const pulled = (await opened.store.historySync?.pull()) ?? [];
  if (pulled.length > 0) return { statePath, historyPath, push, diags: pulled };
  try {
    const { history, diags } = openHistory(historyPath, { keyring: k.keyring, cairnVersion: VERSION });
    return { history, statePath, historyPath, push, diags };
  } catch (err) {
    if (!(err instanceof UnsafeHistoryDirectory)) throw err;
    return { statePath, historyPath, push, diags: [{ severity: "error", summary: "Unsafe history directory", detail: err.message }] };
  }
}
