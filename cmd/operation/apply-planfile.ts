// `cairn apply FILE`: applying a saved plan (issue 7). prepareApply decides between the two forms of apply:
// without a positional argument it is the usual plan-and-apply (prepareOperation), refusing -json without
// -auto-approve as Terraform does; with one it loads the saved plan, refuses the options a saved plan already
// decided, and builds the operation from the plan's variable values and the working directory's
// configuration. obtainPlan then gives apply.ts the plan to apply: the saved one once the state and the
// configuration are checked (planner/planfile checkPlanApplicable, with Terraform's wording), else a new one.
//
// Deliberate difference: Terraform accepts -destroy, -refresh-only, -refresh=false, -target, -exclude and
// -replace together with a saved plan and silently ignores them (so `apply -destroy tfplan` on a plan that
// creates, creates). Cairn refuses them, since the saved plan already decided what to do.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CommandContext } from "../registry.js";
import { parseFlags, type ParsedFlags } from "../flags.js";
import type { SourceFile } from "../views/diagnostics.js";
import { loadConfiguration } from "../../operations/load-config.js";
import { VERSION } from "../../operations/version.js";
import { currentWorkspace } from "../../operations/working-dir.js";
import { CoreContext } from "../../planner/core/index.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { Plan } from "../../planner/plan/model.js";
import { checkPlanApplicable, parsePlanFileBytes, readPlanFile, snapshotConfigFiles, type PlanFile } from "../../planner/planfile/index.js";
import { openWorkspaceStore } from "../../operations/backend/open.js";
import type { StateFile } from "../../state/model.js";
import { applyArtifactFlags, planFileEncryption } from "./plan-output.js";
import { providerRegistry } from "../../operations/providers.js";
import { operationFlags, prepareOperation, showDiags, type Operation } from "./operation.js";

const savedPlans = new WeakMap<Operation, { planFile: PlanFile; path: string; digest: string }>();

/** Whether this apply applies a saved plan (no plan is shown and no approval asked). */
export function isSavedPlan(op: Operation): boolean {
  return savedPlans.has(op);
}

/** What the state history records about the saved plan applied: the sha256 of the file's bytes as read. */
export function savedPlanMeta(op: Operation): { planDigest?: string } {
  const saved = savedPlans.get(op);
  return saved !== undefined ? { planDigest: saved.digest } : {};
}

/** The planning options a saved plan has already decided, and how each shows on the command line. */
const planningOptions: readonly { readonly flag: string; readonly given: (f: ParsedFlags) => boolean }[] = [
  { flag: "-destroy", given: (f) => f.bools.get("destroy") === true },
  { flag: "-refresh-only", given: (f) => f.bools.get("refresh-only") === true },
  { flag: "-refresh=false", given: (f) => f.bools.get("refresh") === false },
  { flag: "-target", given: (f) => f.repeated.some((r) => r.name === "target") },
  { flag: "-exclude", given: (f) => f.repeated.some((r) => r.name === "exclude") },
  { flag: "-replace", given: (f) => f.repeated.some((r) => r.name === "replace") },
];

function flagsOf(argv: string[]) {
  const parsed = parseFlags(argv, { ...operationFlags, ...applyArtifactFlags });
  return parsed.ok ? parsed.flags : undefined;
}

export async function prepareApply(argv: string[], ctx: CommandContext, destroy: boolean): Promise<Operation | number> {
  const name = destroy ? "destroy" : "apply";
  const flags = flagsOf(argv);
  // Flag errors are reported by prepareOperation, in the same words as for plan.
  if (flags === undefined) return prepareOperation(argv, ctx, name, applyArtifactFlags);
  const color = !flags.bools.get("no-color") && ctx.stdout.isTTY === true;
  const base = { ctx, flags, color, sources: new Map<string, SourceFile>() };
  const refuse = (d: Diagnostic): number => {
    showDiags(base, [d]);
    return 1;
  };
  if (flags.positional.length > 1) return refuse(errorDiag("Too many command line arguments", "Expected at most one positional argument."));
  if (flags.positional.length === 0) {
    if (flags.bools.get("json") === true && flags.bools.get("auto-approve") !== true) {
      return refuse(
        errorDiag(
          "Plan file or auto-approve required",
          "Cairn cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.",
        ),
      );
    }
    return prepareOperation(argv, ctx, name, applyArtifactFlags);
  }
  const given = flags.positional[0]!;
  if (destroy) {
    return refuse(errorDiag("Destroy can't be called with a plan file", `If this plan was created using plan -destroy, apply it using:\n  cairn apply ${JSON.stringify(given)}`));
  }
  if (flags.repeated.some((r) => r.name === "var" || r.name === "var-file")) {
    return refuse(
      errorDiag(
        "Can't set variables when applying a saved plan",
        "The -var and -var-file options cannot be used when applying a saved plan file, because a saved plan includes the variable values that were set when it was created.",
      ),
    );
  }
  const conflicting = planningOptions.filter((o) => o.given(flags)).map((o) => o.flag);
  if (conflicting.length > 0) {
    return refuse(
      errorDiag(
        "Can't change planning options when applying a saved plan",
        `The ${conflicting.join(", ")} option${conflicting.length > 1 ? "s" : ""} cannot be used when applying a saved plan file, because the saved plan already decided what to do. Create a new plan with "cairn plan ${conflicting.join(" ")} -out=FILE" and apply that.`,
      ),
    );
  }
  const parallelism = Number(flags.strings.get("parallelism"));
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    return refuse(errorDiag("Invalid parallelism value", `The -parallelism value must be a positive whole number, got "${flags.strings.get("parallelism")}".`));
  }
  const path = resolve(ctx.cwd, given);
  const enc = planFileEncryption(ctx);
  if (hasErrors(enc.diags)) {
    showDiags(base, enc.diags);
    return 1;
  }
  const planOpts = enc.encryption !== undefined ? { encryption: enc.encryption } : {};
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFile(path);
  } catch {
    // readPlanFile below reports the unreadable file in Terraform's words.
  }
  const read = bytes !== undefined ? await parsePlanFileBytes(bytes, path, planOpts) : await readPlanFile(path, planOpts);
  if (read.planFile === undefined) {
    showDiags(base, read.diags.map((d) => ({ ...d, summary: d.summary.replace(path, given) })));
    return 1;
  }
  const planFile = read.planFile;
  const loaded = loadConfiguration(ctx.cwd);
  for (const [name, file] of loaded.sources) base.sources.set(name, file);
  if (hasErrors(loaded.diags)) {
    showDiags(base, loaded.diags);
    return 1;
  }
  const plan = planFile.plan;
  const core = new CoreContext({
    module: loaded.module,
    providers: providerRegistry({ cwd: ctx.cwd, env: ctx.env, ...(ctx.plugins ? { plugins: ctx.plugins } : {}) }),
    variables: planFile.variableValues,
    cwd: ctx.cwd,
    workspace: currentWorkspace(ctx.env, ctx.cwd),
    cairnVersion: VERSION,
    modules: loaded.modules,
  });
  const opened = openWorkspaceStore(ctx, { statePath: flags.strings.get("state"), ...(enc.keyring !== undefined ? { keyring: enc.keyring } : {}), module: loaded.module });
  showDiags(base, opened.refusal ?? []);
  if (opened.refusal !== undefined) return 1;
  const store = opened.store;
  const op: Operation = {
    ...base,
    module: loaded.module,
    core,
    store,
    parallelism,
    planOptions: { mode: plan.mode, parallelism },
  };
  savedPlans.set(op, { planFile, path: given, digest: createHash("sha256").update(bytes!).digest("hex") });
  return op;
}

/**
 * The plan an apply applies: the saved plan when the state is still the one it was made against and the
 * configuration is unchanged, else (no saved plan) a new plan of the current state.
 */
export async function obtainPlan(op: Operation, state: StateFile, signal: AbortSignal): Promise<{ plan?: Plan; diags: Diagnostic[] }> {
  const saved = savedPlans.get(op);
  if (saved === undefined) return op.core.plan(state, { ...op.planOptions, signal });
  let current;
  try {
    current = snapshotConfigFiles(op.ctx.cwd, op.core.moduleDirs());
  } catch (err) {
    return { diags: [errorDiag("Failed to read the configuration", `The configuration files could not be read to check the saved plan: ${(err as Error).message}.`)] };
  }
  // Opening the journal writes an empty state where there was none, so for a first plan (made when there
  // was no state) an empty state counts as no state; a plan made against a state, even an empty one, is
  // compared with the state as it is.
  const prior = saved.planFile.plan.prevRunState;
  const firstPlan = prior.serial === 0 && prior.resources.length === 0;
  const empty = firstPlan && state.resources.length === 0 && Object.keys(state.outputs).length === 0;
  const diags = checkPlanApplicable(saved.planFile, empty ? undefined : state, current, currentWorkspace(op.ctx.env, op.ctx.cwd));
  if (saved.planFile.plan.errored) {
    diags.push(errorDiag("Cannot apply incomplete plan", "Cairn encountered an error when generating this plan, so it cannot be applied."));
  }
  if (hasErrors(diags)) return { diags };
  return { plan: saved.planFile.plan, diags: [] };
}

