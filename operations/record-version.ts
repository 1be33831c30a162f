// Recording the state a command just persisted as one version of the history (docs/state-history.md): one
// call per state-changing command, after its final persist, while it still holds the state lock. The state
// is already safely written, so a recording that fails is reported as a warning, never as a failed command.

import type { Diagnostic } from "../lang/diagnostics.js";
import type { Plan } from "../planner/plan/model.js";
import { openHistory, type HistoryRecord, type ResourceChange, type VersionMeta } from "../state/history/index.js";
import type { WorkspaceStateStore } from "./backend/backend.js";
import { roundTripState } from "../state/serialize-roundtrip.js";
import type { Host } from "./host.js";
import { VERSION } from "./version.js";
import { historyKeep } from "./history-retention.js";

export interface RecordedVersion {
  readonly record?: HistoryRecord;
  readonly diags: Diagnostic[];
}

export async function recordStateVersion(store: WorkspaceStateStore, ctx: Host, meta: Omit<VersionMeta, "env" | "configDir">): Promise<RecordedVersion> {
  const read = await store.read();
  if (read.state === undefined) return { diags: read.diags.map(notRecorded) };
  // The state exactly as the file holds it: the in-memory copy may carry what serialization leaves out
  // (an empty dependencies list), which would otherwise show as a change in the next version.
  const written = roundTripState(read.state, store.path);
  if (written.state === undefined) return { diags: written.diags.map(notRecorded) };
  let r: ReturnType<ReturnType<typeof openHistory>["history"]["recordVersion"]>;
  let diags: Diagnostic[];
  const pulled = (await store.historySync?.pull()) ?? [];
  if (pulled.length > 0) return { diags: pulled.map(notRecorded) };
  try {
    const retention = historyKeep(ctx.env);
    const opened = openHistory(store.historyPath, { keyring: store.keyring, cairnVersion: VERSION, keep: retention.keep });
    r = opened.history.recordVersion({ configDir: ctx.cwd, env: ctx.env, ...meta }, written.state);
    diags = [...retention.diags, ...opened.diags, ...r.diags];
  } catch (err) {
    // An I/O failure writing the history (disk full, permissions): the state itself is saved.
    return { diags: [notRecorded({ severity: "error", summary: "Failed to write the history", detail: (err as Error).message })] };
  }
  if (r.recorded) {
    const pushed = (await store.historySync?.push()) ?? [];
    if (pushed.length > 0) return { diags: pushed.map(notRecorded) };
  }
  return { record: r.record, diags: r.record === undefined ? diags.map(notRecorded) : diags.map((d) => (d.severity === "error" ? notRecorded(d) : d)) };
}

/**
 * Heals the history before a state-writing command changes anything: when the state file holds a version the
 * history never recorded (the previous command was killed between writing the state and recording it, or the
 * history's disk was full), that version is recorded now, marked as recovered after the last recorded one.
 * Call it holding the state lock. Warnings only: the command goes on either way.
 */
export async function recordUnrecordedVersion(store: WorkspaceStateStore, ctx: Host, command: string): Promise<Diagnostic[]> {
  const read = await store.read();
  if (read.state === undefined) return [];
  const written = roundTripState(read.state, store.path);
  if (written.state === undefined) return [];
  const pulled = (await store.historySync?.pull()) ?? [];
  if (pulled.length > 0) return pulled.map(notRecorded);
  try {
    const retention = historyKeep(ctx.env);
    const opened = openHistory(store.historyPath, { keyring: store.keyring, cairnVersion: VERSION, keep: retention.keep });
    const after = opened.history.unrecordedGap(written.state);
    if (after === undefined) return [];
    const r = opened.history.recordVersion({ command, configDir: ctx.cwd, env: ctx.env, partial: true, recoveredAfter: after }, written.state);
    const pushed = r.recorded ? ((await store.historySync?.push()) ?? []) : [];
    return [...r.diags, ...pushed].map((d) => (d.severity === "error" ? notRecorded(d) : d));
  } catch (err) {
    return [notRecorded({ severity: "error", summary: "Failed to write the history", detail: (err as Error).message })];
  }
}

function notRecorded(d: Diagnostic): Diagnostic {
  return {
    severity: "warning",
    summary: "State version not recorded in the history",
    detail: `The state was saved, but its version could not be recorded: ${d.summary}${d.detail ? `. ${d.detail}` : ""} Run "cairn state audit" to check the history.`,
  };
}

/** The changes of a plan applied in full, as the history records them (a replacement is "replace"). */
export function appliedChanges(plan: Plan): ResourceChange[] {
  const out: ResourceChange[] = [];
  for (const c of plan.resourceChanges) {
    if (c.addr.resource.resource.mode !== "managed" || c.deposedKey !== undefined) continue;
    const action = c.action === "create" || c.action === "update" || c.action === "delete" ? c.action : c.action === "delete-then-create" || c.action === "create-then-delete" ? "replace" : undefined;
    if (action !== undefined) out.push({ address: c.addr.toString(), action });
  }
  return out;
}
