// How many versions the history keeps: CAIRN_HISTORY_KEEP (a whole number ≥ 1); unset keeps every version.
// Pruning is itself a recorded event, so the chain stays verifiable (docs/state-history.md).

import { warningDiag, type Diagnostic } from "../lang/diagnostics.js";

export function historyKeep(env: NodeJS.ProcessEnv): { keep?: number; diags: Diagnostic[] } {
  const text = env.CAIRN_HISTORY_KEEP;
  if (text === undefined || text === "") return { diags: [] };
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    return {
      diags: [
        warningDiag(
          "Invalid CAIRN_HISTORY_KEEP",
          `CAIRN_HISTORY_KEEP must be a whole number of versions, at least 1; "${text}" was ignored and every version is kept.`,
        ),
      ],
    };
  }
  return { keep: n, diags: [] };
}
