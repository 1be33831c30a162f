// `-json` on plan, apply, destroy and refresh: Terraform's machine-readable UI, one JSON object per line.
// Every line has "@level", "@message", "@module", "@timestamp" and "type"; keys are in byte order as
// hclog's JSON writer sorts them. "@module" is "terraform.ui", Terraform's own value, so that tools that
// filter Terraform's stream on it read Cairn's unchanged. Timestamps are RFC 3339 with microseconds in UTC.
//
// JsonUiView is what the commands hold: it implements the apply walk's hooks (preApply/postApply) and
// emits apply_progress every 10 s for each operation still in flight, as Terraform does.

import { parseAbsResourceInstanceStr } from "../../../addrs/parse-target.js";
import type { AbsResourceInstance } from "../../../addrs/resource.js";
import type { ApplyAction, ApplyHooks } from "../../../planner/apply/hooks.js";
import type { Diagnostic } from "../../../lang/diagnostics.js";
import { changeCounts, type OutputChange, type Plan, type ResourceInstanceChange } from "../../../planner/plan/model.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import type { StateFile } from "../../../state/model.js";
import { VERSION } from "../../../operations/version.js";
import type { SourceFile } from "../diagnostics.js";
import { diagnosticJson } from "../state/diagnostic-json.js";
import { jsonBool, jsonString, jsonValue, map, raw, struct, type JsonText } from "../state/go-json.js";
import { sortedForJson } from "./resource-change.js";
import {
  changeJson,
  changeSummaryJson,
  changeSummaryMessage,
  hookJson,
  hookMessages,
  uiAction,
  type ChangeSummary,
  type Operation,
  type UiHookAction,
} from "./ui-messages.js";
import { knownValueJson } from "./value-json.js";
import { typeToJSONText } from "../../../lang/values/json.js";

export const UI_MODULE = "terraform.ui";
/** The version of the machine-readable UI format Cairn follows (Terraform's JSON_UI_VERSION). */
export const JSON_UI_VERSION = "1.2";
const PROGRESS_INTERVAL_MS = 10_000;

export type UiLevel = "info" | "warn" | "error" | "debug" | "trace";

export interface JsonUiOptions {
  /**
   * Receives one line (without the newline) per message; with `batchProgress`, the progress messages of one
   * event-loop turn come in one call, joined by newlines.
   */
  readonly write: (line: string) => void;
  /** Progress messages of one turn in one write (a plan of 5,000 objects makes 10,000 of them). */
  readonly batchProgress?: boolean;
  /** Microseconds since the epoch; tests pin it. */
  readonly nowMicros?: () => number;
  readonly sources?: ReadonlyMap<string, SourceFile>;
  readonly progressIntervalMs?: number;
  readonly version?: string;
}

interface InFlight {
  readonly addr: AbsResourceInstance;
  readonly action: UiHookAction;
  readonly startMicros: number;
  readonly timer?: ReturnType<typeof setInterval>;
}

/** The per-object messages, many per run: those of one event-loop turn go out in one write. */
const progressTypes = new Set(["refresh_start", "refresh_complete", "apply_start", "apply_progress", "apply_complete", "apply_errored"]);

export class JsonUiView implements ApplyHooks {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly now: () => number;
  private pending = "";
  private scheduled = false;

  constructor(private readonly opts: JsonUiOptions) {
    this.now = opts.nowMicros ?? defaultNowMicros;
  }

  version(): void {
    const v = this.opts.version ?? VERSION;
    this.emit("info", `Cairn ${v}`, "version", [
      ["terraform", jsonString(v)],
      ["ui", jsonString(JSON_UI_VERSION)],
    ]);
  }

  log(message: string, level: UiLevel = "info"): void {
    this.emit(level, message, "log", []);
  }

  diagnostics(diags: readonly Diagnostic[]): void {
    for (const d of diags) {
      const level: UiLevel = d.severity === "error" ? "error" : "warn";
      const prefix = d.severity === "error" ? "Error" : "Warning";
      this.emit(level, `${prefix}: ${d.summary}`, "diagnostic", [["diagnostic", diagnosticJson(d, this.opts.sources ?? new Map())]]);
    }
  }

  /**
   * What `plan -json` prints after planning: drift, each planned change, the summary and the outputs.
   * `summary` false: without the summary and the outputs (Terraform's refresh-only apply shows neither).
   */
  plan(plan: Plan, summary = true): void {
    for (const rc of sortedForJson(plan.driftedResources)) if (rc.action !== "no-op") this.resourceDrift(rc);
    for (const rc of sortedForJson(plan.resourceChanges)) {
      if (rc.action === "delete" && rc.addr.resource.resource.mode === "data") continue;
      if (uiAction(rc) !== "noop") this.plannedChange(rc);
    }
    if (!summary) return;
    const c = changeCounts(plan.resourceChanges);
    this.changeSummary({ add: c.add, change: c.change, import: c.import, remove: c.destroy, operation: plan.mode === "destroy" ? "destroy" : "plan" });
    this.planOutputs(plan.outputChanges);
  }

  plannedChange(rc: ResourceInstanceChange): void {
    this.emit("info", `${rc.addr}: Plan to ${uiAction(rc)}`, "planned_change", [["change", changeJson(rc)]]);
  }

  resourceDrift(rc: ResourceInstanceChange): void {
    this.emit("info", `${rc.addr}: Drift detected (${uiAction(rc)})`, "resource_drift", [["change", changeJson(rc)]]);
  }

  changeSummary(s: ChangeSummary): void {
    this.emit("info", changeSummaryMessage(s), "change_summary", [["changes", changeSummaryJson(s)]]);
  }

  /** Counts of an apply or destroy that finished, as change_summary reports them. */
  applySummary(plan: Plan, operation: Exclude<Operation, "plan">): void {
    const c = changeCounts(plan.resourceChanges);
    this.changeSummary({ add: c.add, change: c.change, import: c.import, remove: c.destroy, operation });
  }

  // ---- apply hooks ----

  preApply(addr: string, action: ApplyAction, idForDisplay?: string): void {
    const a = parseAddr(addr);
    if (a === undefined) return;
    this.emit("info", hookMessages.start(addr, action, idForDisplay), "apply_start", [["hook", hookJson(a, action, idParts(idForDisplay))]]);
    const start = this.now();
    const interval = this.opts.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
    const timer = setInterval(() => this.progress(addr), interval);
    timer.unref();
    this.inFlight.set(addr, { addr: a, action, startMicros: start, timer });
  }

  /** An apply_progress line for an operation in flight (the timer calls this; tests may too). */
  progress(addr: string): void {
    const f = this.inFlight.get(addr);
    if (f === undefined) return;
    const secs = this.elapsedSeconds(f);
    this.emit("info", hookMessages.progress(addr, f.action, secs), "apply_progress", [["hook", hookJson(f.addr, f.action, { elapsedSeconds: secs })]]);
  }

  postApply(addr: string, action: ApplyAction, idForDisplay: string | undefined, failed: boolean): void {
    const f = this.inFlight.get(addr);
    if (f?.timer !== undefined) clearInterval(f.timer);
    this.inFlight.delete(addr);
    const a = f?.addr ?? parseAddr(addr);
    if (a === undefined) return;
    const secs = f !== undefined ? this.elapsedSeconds(f) : 0;
    if (failed) {
      this.emit("error", hookMessages.errored(addr, action, secs), "apply_errored", [["hook", hookJson(a, action, { elapsedSeconds: secs })]]);
      return;
    }
    this.emit("info", hookMessages.complete(addr, action, secs, idForDisplay), "apply_complete", [
      ["hook", hookJson(a, action, { ...idParts(idForDisplay), elapsedSeconds: secs })],
    ]);
  }

  refreshStart(addr: string, id?: string): void {
    const a = parseAddr(addr);
    if (a === undefined) return;
    this.emit("info", `${addr}: Refreshing state...${id !== undefined ? ` [id=${id}]` : ""}`, "refresh_start", [["hook", hookJson(a, undefined, idParts(id))]]);
  }

  refreshComplete(addr: string, id?: string): void {
    const a = parseAddr(addr);
    if (a === undefined) return;
    this.emit("info", `${addr}: Refresh complete${id !== undefined ? ` [id=${id}]` : ""}`, "refresh_complete", [["hook", hookJson(a, undefined, idParts(id))]]);
  }

  /** The root outputs after an apply, from the new state (sensitive values included, flagged). */
  stateOutputs(state: StateFile): void {
    const entries = new Map<string, JsonText>();
    for (const [name, o] of Object.entries(state.outputs)) {
      entries.set(name, struct([["sensitive", jsonBool(o.sensitive === true)], ["type", jsonValue(o.type)], ["value", jsonValue(o.value)]]));
    }
    this.emit("info", `Outputs: ${entries.size}`, "outputs", [["outputs", map(entries, compareGoStrings)]]);
  }

  /** The planned output changes: sensitivity and action, with the value when it is known and not sensitive. */
  planOutputs(changes: readonly OutputChange[]): void {
    const entries = new Map<string, JsonText>();
    for (const oc of changes) {
      if (!oc.addr.module.isRoot()) continue;
      // An unchanged output is listed too, as Terraform lists it: its action only ("noop").
      const show = oc.action !== "delete" && oc.action !== "no-op" && !oc.sensitive && oc.after.isWhollyKnown();
      const after = oc.after.unmarkDeep()[0];
      entries.set(
        oc.addr.output.name,
        struct([
          ["sensitive", jsonBool(oc.sensitive)],
          ["type", show ? raw(typeToJSONText(after.type)) : undefined],
          ["value", show ? knownValueJson(after) : undefined],
          ["action", jsonString(oc.action === "delete-then-create" || oc.action === "create-then-delete" ? "replace" : oc.action === "no-op" ? "noop" : oc.action)],
        ]),
      );
    }
    if (entries.size === 0) return;
    this.emit("info", `Outputs: ${entries.size}`, "outputs", [["outputs", map(entries, compareGoStrings)]]);
  }

  /** Stops every progress timer (an interrupted apply). */
  close(): void {
    for (const f of this.inFlight.values()) if (f.timer !== undefined) clearInterval(f.timer);
    this.inFlight.clear();
    this.walked();
  }

  /** Writes the progress messages not yet written (the plan walk's end, the apply's, or the next turn). */
  walked(): void {
    this.scheduled = false;
    if (this.pending === "") return;
    this.opts.write(this.pending);
    this.pending = "";
  }

  private elapsedSeconds(f: InFlight): number {
    return Math.round((this.now() - f.startMicros) / 1_000_000);
  }

  emit(level: UiLevel, message: string, type: string, fields: readonly (readonly [string, JsonText])[]): void {
    const entries = new Map<string, JsonText>([
      ["@level", jsonString(level)],
      ["@message", jsonString(message)],
      ["@module", jsonString(UI_MODULE)],
      ["@timestamp", jsonString(rfc3339Micros(this.now()))],
      ["type", jsonString(type)],
    ]);
    for (const [k, v] of fields) entries.set(k, v);
    const line = map(entries, compareGoStrings);
    if (this.opts.batchProgress !== true || !progressTypes.has(type)) {
      this.walked(); // in order: what was pending goes first
      this.opts.write(line);
      return;
    }
    this.pending = this.pending === "" ? line : `${this.pending}\n${line}`;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.walked());
    }
  }
}

function parseAddr(addr: string): AbsResourceInstance | undefined {
  return parseAbsResourceInstanceStr(addr).addr;
}

function idParts(id: string | undefined): { idKey?: string; idValue?: string } {
  return id !== undefined && id !== "" ? { idKey: "id", idValue: id } : {};
}

function defaultNowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/** "2006-01-02T15:04:05.000000Z": RFC 3339 with microseconds, as Terraform's log lines carry. */
export function rfc3339Micros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = String(((micros % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, "0");
  return `${base}.${frac}Z`;
}
