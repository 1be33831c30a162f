// Recording a refresh-only plan's drift check in the audit trail (docs/state-history.md, "Drift"): what
// `cairn plan -refresh-only` and `cairn drift` found changed or deleted outside Cairn, as a "drift" event
// (the state is unchanged, so it is not a version). A failure to record is a warning: the plan stands.

import type { Diagnostic } from "../lang/diagnostics.js";
import type { Plan } from "../planner/plan/model.js";
import { openHistory, recordDriftCheck, type DriftedInstance, type HistoryRecord } from "../state/history/index.js";
import type { WorkspaceStateStore } from "./backend/backend.js";
import type { StateFile } from "../state/model.js";
import type { Host } from "./host.js";
import { VERSION } from "./version.js";

/** The managed instances a plan found drifted: "delete" when the object is gone, else "update". */
export function driftedInstances(plan: Plan): DriftedInstance[] {
  const out = new Map<string, DriftedInstance>();
  for (const c of plan.driftedResources) {
    if (c.addr.resource.resource.mode !== "managed" || c.deposedKey !== undefined || c.action === "no-op") continue;
    const address = c.addr.toString();
    out.set(address, { address, action: c.action === "delete" ? "delete" : "update" });
  }
  return [...out.values()];
}

export async function recordPlanDrift(
  store: WorkspaceStateStore,
  ctx: Host,
  state: StateFile,
  drifted: readonly DriftedInstance[],
  meta: { command: string; args: readonly string[] },
): Promise<{ record?: HistoryRecord; diags: Diagnostic[] }> {
  const pulled = (await store.historySync?.pull()) ?? [];
  if (pulled.length > 0) return { diags: pulled.map(notRecorded) };
  try {
    const opened = openHistory(store.historyPath, { keyring: store.keyring, cairnVersion: VERSION });
    const record = recordDriftCheck(opened.history, state, drifted, { command: meta.command, args: meta.args, env: ctx.env });
    const pushed = (await store.historySync?.push()) ?? [];
    return { record, diags: [...opened.diags, ...pushed].map(notRecorded) };
  } catch (err) {
    return { diags: [notRecorded({ severity: "error", summary: "Failed to write the history", detail: (err as Error).message })] };
  }
}

function notRecorded(d: Diagnostic): Diagnostic {
  return { severity: "warning", summary: "Drift check not recorded in the history", detail: `${d.summary}${d.detail ? `: ${d.detail}` : ""}` };
}
