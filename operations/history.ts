// The state history of the -state file (default the selected workspace's state), opened with the state's
// keyring (operations/keyring.ts).

import type { Diagnostic } from "../lang/diagnostics.js";
import { openHistory, type History } from "../state/history/history.js";
import { UnsafeHistoryDirectory } from "../state/history/paths.js";
import type { VariableFlag } from "../planner/variables/raw.js";
import { resolveStatePath } from "../modules/workspace.js";
import { VERSION } from "./version.js";
import { stateKeyring } from "./keyring.js";
import type { Host } from "./host.js";

/** The history of the -state file (default the selected workspace's state), with the state's keyring. */
export function openCommandHistory(ctx: Host, stateFlag: string | undefined, varFlags?: readonly VariableFlag[]): { history?: History; statePath: string; diags: Diagnostic[] } {
  const statePath = resolveStatePath(ctx.cwd, ctx.env, stateFlag);
  const k = stateKeyring(ctx, { varFlags });
  if (k.diags.length > 0) return { statePath, diags: k.diags };
  try {
    const { history, diags } = openHistory(statePath, { keyring: k.keyring, cairnVersion: VERSION });
    return { history, statePath, diags };
  } catch (err) {
    if (!(err instanceof UnsafeHistoryDirectory)) throw err;
    return { statePath, diags: [{ severity: "error", summary: "Unsafe history directory", detail: err.message }] };
  }
}
