// What `plan`, `apply` and `destroy` print besides the human plan (issue 7): the -json machine-readable UI
// (one JsonUiView per command run, the "version" line first), `plan -concise`, `plan -out=FILE` (the saved
// plan file, encrypted with the state's keyring when state encryption is configured, and Terraform's "Saved
// the plan to" next step), and the end of a -json apply. plan.ts and apply.ts call these at their hook
// points; no planning logic lives here.

import { resolve } from "node:path";
import type { CommandContext } from "../registry.js";
import type { FlagSpecs, ParsedFlags } from "../flags.js";
import type { SourceFile } from "../views/diagnostics.js";
import { JsonUiView } from "../views/json/ui.js";
import { renderConcisePlan } from "../views/concise/concise-plan.js";
import { ApplyProgressView, RefreshProgressView } from "../views/apply/progress.js";
import type { ReadHooks, RefreshHooks } from "../../planner/plan/refresh.js";
import type { StoppableApplyHooks } from "../views/tty/index.js";
import { VERSION } from "../../operations/version.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Plan } from "../../planner/plan/model.js";
import type { ApplyResult } from "../../planner/core/index.js";
import { snapshotConfigFiles, writePlanFile, type PlanEncryption } from "../../planner/planfile/index.js";
import { currentWorkspace } from "../../operations/working-dir.js";
import { planEncryption, type Keyring } from "../../state/encryption/index.js";
import { stateKeyring } from "../../operations/keyring.js";
import type { StateFile } from "../../state/model.js";

/** Flags `plan` takes beyond the shared operation flags. */
export const planArtifactFlags: FlagSpecs = {
  out: { kind: "string" },
  json: { kind: "bool", default: false },
  concise: { kind: "bool", default: false },
};

/** Flags `apply` and `destroy` take beyond the shared operation flags. */
export const applyArtifactFlags: FlagSpecs = {
  "auto-approve": { kind: "bool", default: false },
  json: { kind: "bool", default: false },
};

interface Base {
  readonly ctx: CommandContext;
  readonly flags: ParsedFlags;
  readonly sources?: ReadonlyMap<string, SourceFile>;
}

const views = new WeakMap<CommandContext, JsonUiView>();

/** The command run's JSON UI view when -json was given (created on first use, announcing the version). */
export function jsonUi(base: Base): JsonUiView | undefined {
  if (base.flags.bools.get("json") !== true) return undefined;
  let v = views.get(base.ctx);
  if (v === undefined) {
    const out = base.ctx.stdout;
    v = new JsonUiView({ write: (line) => out.write(line + "\n"), batchProgress: true, ...(base.sources !== undefined ? { sources: base.sources } : {}) });
    views.set(base.ctx, v);
    v.version();
  }
  return v;
}

/**
 * Where the progress messages of the plan walk go: the JSON UI with -json (refresh_start / refresh_complete,
 * apply_start / apply_complete for data sources read), else "Refreshing state..." per object in state and
 * "Reading..." / "Read complete" per data source read, as Terraform prints them (not with -concise, which
 * leaves out progress messages).
 */
export function planProgressHooks(base: Base & { readonly color: boolean }): { refreshHooks?: RefreshHooks; readHooks?: ReadHooks } {
  const v = jsonUi(base);
  if (v !== undefined) return { refreshHooks: v, readHooks: v };
  if (base.flags.bools.get("concise") === true) return {};
  return { refreshHooks: new RefreshProgressView(base.ctx.stdout, base.color), readHooks: new ApplyProgressView(base.ctx.stdout, base.color) };
}

/** Diagnostics as JSON lines when -json is in effect; false when the caller should render them as text. */
export function jsonDiagnostics(base: Base, diags: readonly Diagnostic[]): boolean {
  const v = jsonUi(base);
  if (v === undefined) return false;
  v.diagnostics(diags);
  return true;
}

/** A line of information: a "log" message under -json, plain text otherwise. */
export function logLine(base: Base, text: string): void {
  const v = jsonUi(base);
  if (v !== undefined) v.log(text.trim());
  else base.ctx.stdout.write(text);
}

/** Plain text that only belongs in the human output (blank separators and the like). */
export function humanText(base: Base, text: string): void {
  if (jsonUi(base) === undefined) base.ctx.stdout.write(text);
}

/**
 * The plan as -json or -concise asks for it, or undefined for the human renderer. Under -json the planned
 * changes, the change summary and the planned outputs are emitted and the text to print is empty.
 */
export function alternativePlanRendering(base: Base, plan: Plan, applying = false): string | undefined {
  const v = jsonUi(base);
  if (v !== undefined) {
    v.plan(plan, !(applying && plan.mode === "refresh-only"));
    return "";
  }
  if (base.flags.bools.get("concise") === true) return renderConcisePlan(plan);
  return undefined;
}

/**
 * The saved plan files' encryption: the state's keyring (the configuration's encryption block, else
 * CAIRN_STATE_PASSPHRASE), so a plan, which holds the prior state, is never less protected than the state.
 */
export function planFileEncryption(ctx: CommandContext): { encryption?: PlanEncryption; keyring?: Keyring; diags: Diagnostic[] } {
  const k = stateKeyring(ctx);
  return k.keyring !== undefined ? { encryption: planEncryption(k.keyring), keyring: k.keyring, diags: k.diags } : { diags: k.diags };
}

/** `plan -out=FILE`: writes the saved plan (plan, prior state, configuration snapshot, variables). */
export async function savePlanIfAsked(base: Base & { readonly core?: { moduleDirs(): string[] } }, plan: Plan): Promise<Diagnostic[]> {
  const out = base.flags.strings.get("out");
  if (out === undefined) return [];
  if (out === "") return [{ severity: "error", summary: "Invalid -out value", detail: "The -out option needs a file name to write the plan to." }];
  const enc = planFileEncryption(base.ctx);
  if (enc.diags.some((d) => d.severity === "error")) return enc.diags;
  let configSnapshot;
  try {
    configSnapshot = snapshotConfigFiles(base.ctx.cwd, base.core?.moduleDirs() ?? []);
  } catch (err) {
    return [{ severity: "error", summary: "Failed to read the configuration", detail: `The configuration files could not be read for the saved plan: ${(err as Error).message}.` }];
  }
  return writePlanFile(
    resolve(base.ctx.cwd, out),
    { plan, configSnapshot, variableValues: plan.variableValues, priorState: plan.priorState, cairnVersion: VERSION, workspace: currentWorkspace(base.ctx.env, base.ctx.cwd) },
    enc.encryption !== undefined ? { encryption: enc.encryption } : {},
  );
}

/** What follows an applyable plan: the saved plan's next step with -out, else the "-out" note (never in -json). */
export function planNextStep(base: Base, color: boolean): string {
  if (jsonUi(base) !== undefined) return "";
  const rule = `\n${color ? "\x1b[2m" : ""}${"─".repeat(77)}${color ? "\x1b[0m" : ""}\n`;
  const out = base.flags.strings.get("out");
  if (out !== undefined && out !== "") {
    return `${rule}\nSaved the plan to: ${out}\n\nTo perform exactly these actions, run the following command to apply:\n    cairn apply ${JSON.stringify(out)}\n`;
  }
  return `${rule}\nNote: You didn't use the -out option to save this plan, so Cairn can't\nguarantee to take exactly these actions if you run "cairn apply" now.\n`;
}

/** The apply walk's hooks under -json (apply_start, apply_progress every 10 s, apply_complete/apply_errored). */
export function jsonApplyHooks(base: Base): StoppableApplyHooks | undefined {
  const v = jsonUi(base);
  if (v === undefined) return undefined;
  return {
    preApply: (addr, action, id) => v.preApply(addr, action, id),
    postApply: (addr, action, id, failed) => v.postApply(addr, action, id, failed),
    stop: () => v.close(),
  };
}

/**
 * The end of a successful -json apply or destroy: the change summary of what was done, then (apply only)
 * the root outputs of the new state. Returns false when not in -json mode (the caller prints the text).
 */
export async function jsonApplyFinished(op: Base & { readonly store: { read(): Promise<{ state?: StateFile; diags: Diagnostic[] }> } }, result: ApplyResult, destroy: boolean, refreshOnly: boolean): Promise<boolean> {
  const v = jsonUi(op);
  if (v === undefined) return false;
  const c = result.counts;
  // As Terraform's: a refresh-only apply reports no counts, only the outputs.
  if (!refreshOnly) v.changeSummary({ add: c.added, change: c.changed, import: c.imported, remove: c.destroyed, operation: destroy ? "destroy" : "apply" });
  if (destroy) return true;
  const read = await op.store.read();
  if (read.diags.length > 0) v.diagnostics(read.diags);
  if (read.state !== undefined && Object.keys(read.state.outputs).length > 0) v.stateOutputs(read.state);
  return true;
}
