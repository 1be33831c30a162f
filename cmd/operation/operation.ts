// What the plan-shaped commands (plan, apply, destroy, refresh, drift, graph) share on the CLI side: their
// flags, reading them into an operation (configuration, variables, targets, mode, the core and the state
// store from operations/), the state lock, and showing diagnostics and the plan.

import { createInterface } from "node:readline";
import type { CommandContext } from "../registry.js";
import { parseFlags, type ParsedFlags, type FlagSpecs } from "../flags.js";
import { renderDiagnostics, type SourceFile } from "../views/diagnostics.js";
import { sourceFileFromBytes } from "../../lang/source-files.js";
import { renderPlanPieces } from "../views/plan/index.js";
import { writePieces } from "../views/stream-write.js";
import { loadConfiguration } from "../../operations/load-config.js";
import { VERSION } from "../../operations/version.js";
import { currentWorkspace } from "../../operations/working-dir.js";
import { configFileNames, type ConfigModule } from "../../config/index.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { collectVariableValues } from "../../planner/variables/sources.js";
import { finalizeVariables } from "../../planner/variables/finalize.js";
import type { VariableFlag } from "../../planner/variables/raw.js";
import { variableDeclaration } from "../../planner/scope/module-scope.js";
import { terraformFunctions } from "../../lang/funcs/table.js";
import { parseTargetStr, parseAbsResourceInstanceStr, type Target } from "../../addrs/parse-target.js";
import { providerConfigOf } from "../../planner/eval/provider-addr-cache.js";
import type { AbsResourceInstance } from "../../addrs/resource.js";
import { CoreContext, type PlanOptions } from "../../planner/core/index.js";
import type { Plan, PlanMode } from "../../planner/plan/model.js";
import { providerRegistry } from "../../operations/providers.js";
import { openWorkspaceStore } from "../../operations/backend/open.js";
import type { WorkspaceStateStore } from "../../operations/backend/backend.js";
import { foreignTerraformState } from "../../operations/backend/terraform-state.js";
import { alternativePlanRendering, jsonDiagnostics, planProgressHooks } from "./plan-output.js";
import { stateKeyring } from "../../operations/keyring.js";
import { acquireStateLock, type HeldLock } from "../../operations/lock.js";
import { readLockOptions } from "../flag-groups.js";
import { flagDiag, newUi } from "../views/ui.js";

export const operationFlags: FlagSpecs = {
  var: { kind: "repeated" },
  "var-file": { kind: "repeated" },
  target: { kind: "repeated" },
  exclude: { kind: "repeated" },
  replace: { kind: "repeated" },
  destroy: { kind: "bool", default: false },
  "refresh-only": { kind: "bool", default: false },
  refresh: { kind: "bool", default: true },
  parallelism: { kind: "string", default: "10" },
  "detailed-exitcode": { kind: "bool", default: false },
  "no-color": { kind: "bool", default: false },
  input: { kind: "bool", default: true },
  lock: { kind: "bool", default: true },
  "lock-timeout": { kind: "string", default: "0s" },
  "compact-warnings": { kind: "bool", default: false },
  state: { kind: "string" },
};

export interface Operation {
  readonly ctx: CommandContext;
  readonly flags: ParsedFlags;
  readonly color: boolean;
  readonly sources: Map<string, SourceFile>;
  readonly module: ConfigModule;
  readonly core: CoreContext;
  readonly store: WorkspaceStateStore;
  readonly planOptions: PlanOptions;
  readonly parallelism: number;
  lock?: HeldLock;
}

export function showDiags(op: Pick<Operation, "ctx" | "sources" | "color" | "flags">, diags: readonly Diagnostic[]): void {
  if (diags.length === 0) return;
  if (jsonDiagnostics(op, diags)) return; // -json: diagnostic messages (plan-output.ts)
  const compact = op.flags.bools.get("compact-warnings") === true;
  const errors = diags.filter((d) => d.severity === "error");
  const warnings = diags.filter((d) => d.severity === "warning");
  if (compact && warnings.length > 0) {
    op.ctx.stdout.write(`\nWarnings:\n\n${warnings.map((w) => `- ${w.summary}`).join("\n")}\n`);
    op.ctx.stderr.write(renderDiagnostics(errors, op.sources, { color: op.color, plain: op.flags.bools.get("no-color") === true }));
    return;
  }
  if (warnings.length > 0) op.ctx.stdout.write(renderDiagnostics(warnings, op.sources, { color: op.color, plain: op.flags.bools.get("no-color") === true }));
  if (errors.length > 0) op.ctx.stderr.write(renderDiagnostics(errors, op.sources, { color: op.color, plain: op.flags.bools.get("no-color") === true }));
}



async function promptLine(ctx: CommandContext, question: string): Promise<string | undefined> {
  ctx.stdout.write(question);
  const rl = createInterface({ input: ctx.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
    return undefined;
  } finally {
    rl.close();
  }
}

/** Parses flags, loads configuration and variables; diagnostics are shown and undefined returned on error. */
export async function prepareOperation(argv: string[], ctx: CommandContext, name: string, extra: FlagSpecs = {}): Promise<Operation | number> {
  const parsed = parseFlags(argv, { ...operationFlags, ...extra });
  if (!parsed.ok) {
    const ui = newUi(ctx, { noColor: argv.includes("-no-color") });
    ui.diagnostics([flagDiag(parsed.message)]);
    ui.helpPrompt(name);
    return 1;
  }
  const flags = parsed.flags;
  const color = !flags.bools.get("no-color") && ctx.stdout.isTTY === true;
  const sources = new Map<string, SourceFile>();
  const base = { ctx, flags, color, sources };
  const diags: Diagnostic[] = [];
  const parallelism = Number(flags.strings.get("parallelism"));
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    showDiags(base, [errorDiag("Invalid parallelism value", `The -parallelism value must be a positive whole number, got "${flags.strings.get("parallelism")}".`)]);
    return 1;
  }
  if (configFileNames(ctx.cwd).primary.length === 0) {
    showDiags(base, [
      errorDiag(
        "No configuration files",
        `${name === "apply" || name === "destroy" ? "Apply" : "Plan"} requires configuration to be present. Planning without a configuration would mark everything for destruction, which is normally not what is desired. If you would like to destroy everything, run '${"cairn"} destroy' instead.`,
      ),
    ]);
    return 1;
  }
  const loaded = loadConfiguration(ctx.cwd);
  diags.push(...loaded.diags);
  for (const [name, file] of loaded.sources) sources.set(name, file);
  const varFlags: VariableFlag[] = flags.repeated
    .filter((r) => r.name === "var" || r.name === "var-file")
    .map((r) => (r.name === "var" ? { kind: "var", value: r.value } : { kind: "var-file", path: r.value }));
  const collected = collectVariableValues({ dir: ctx.cwd, flags: varFlags, env: ctx.env });
  diags.push(...collected.diags);
  for (const [n, bytes] of collected.files) sources.set(n, sourceFileFromBytes(bytes));
  if (hasErrors(diags)) {
    showDiags(base, diags);
    return 1;
  }
  const decls = new Map([...loaded.module.variables.values()].map((v) => [v.name, variableDeclaration(v)]));
  // As Terraform: the prompt reads standard input whether or not it is a terminal (`echo v | cairn plan`).
  const interactive = flags.bools.get("input") === true && flags.bools.get("json") !== true;
  const vars = await finalizeVariables(decls, collected.values, {
    functions: terraformFunctions({ baseDir: ctx.cwd }),
    ...(interactive
      ? {
          prompt: async (d) =>
            promptLine(ctx, `var.${d.name}\n${d.description ? `  ${d.description}\n\n` : ""}  Enter a value: `),
        }
      : {}),
  });
  diags.push(...vars.diags);
  const targets: Target[] = [];
  const excludes: Target[] = [];
  const replace: AbsResourceInstance[] = [];
  for (const r of flags.repeated) {
    if (r.name === "target" || r.name === "exclude") {
      const t = parseTargetStr(r.value);
      if (t.target === undefined) diags.push(errorDiag(`Invalid ${r.name} address`, `${t.diags[0]?.detail ?? "Invalid address"}`));
      else (r.name === "target" ? targets : excludes).push(t.target);
    } else if (r.name === "replace") {
      const a = parseAbsResourceInstanceStr(r.value);
      if (a.addr === undefined) diags.push(errorDiag("Invalid replace address", a.diags[0]?.detail ?? "Invalid address"));
      else replace.push(a.addr);
    }
  }
  if (targets.length > 0 && excludes.length > 0) diags.push(errorDiag("Invalid combination of arguments", "The -target and -exclude options are mutually exclusive."));
  const destroy = flags.bools.get("destroy") === true || name === "destroy";
  const refreshOnly = flags.bools.get("refresh-only") === true;
  if (destroy && refreshOnly) diags.push(errorDiag("Incompatible plan mode options", "The -destroy and -refresh-only options are mutually exclusive."));
  if (refreshOnly && flags.bools.get("refresh") === false) diags.push(errorDiag("Incompatible refresh options", "It doesn't make sense to use -refresh-only at the same time as -refresh=false, because Cairn would have nothing to do."));
  showDiags(base, diags);
  if (hasErrors(diags)) return 1;
  const mode: PlanMode = destroy ? "destroy" : refreshOnly ? "refresh-only" : "normal";
  const keyring = stateKeyring(ctx, { module: loaded.module, varFlags }); // state encryption at rest
  showDiags(base, keyring.diags);
  if (hasErrors(keyring.diags)) return 1;
  const core = new CoreContext({ module: loaded.module, providers: providerRegistry({ cwd: ctx.cwd, env: ctx.env, ...(ctx.plugins ? { plugins: ctx.plugins } : {}) }), variables: vars.values, cwd: ctx.cwd, workspace: currentWorkspace(ctx.env, ctx.cwd), cairnVersion: VERSION, modules: loaded.modules });
  const opened = openWorkspaceStore(ctx, { statePath: flags.strings.get("state"), keyring: keyring.keyring, module: loaded.module });
  showDiags(base, opened.refusal ?? []);
  if (opened.refusal !== undefined) return 1;
  const store = opened.store;
  const foreign = await foreignTerraformState(ctx, store, flags.strings.get("state"));
  showDiags(base, foreign);
  if (hasErrors(foreign)) return 1;
  return {
    ...base,
    module: loaded.module,
    core,
    store,
    parallelism,
    planOptions: {
      mode,
      refresh: flags.bools.get("refresh"),
      targets,
      excludes,
      forceReplace: replace,
      parallelism,
      // Progress lines belong to plan, apply and destroy, as in Terraform; drift, import and graph print
      // their own (drift -json is one JSON document).
      ...(name === "plan" || name === "apply" || name === "destroy" ? planProgressHooks(base) : {}),
    },
  };
}

/** Takes the state lock unless -lock=false (operations/lock.ts). Returns false (diagnostics shown) when it
 * is held elsewhere or -lock-timeout is not a duration. */
/** `quiet`: no "this may take a few moments" notes on stdout (a command whose stdout is one JSON document). */
export async function lockState(op: Operation, operation: string, quiet = false): Promise<boolean> {
  const opts = readLockOptions(op.flags);
  if ("error" in opts) {
    showDiags(op, [errorDiag("Failed to parse command-line flags", opts.error)]);
    return false;
  }
  // The "this may take a few moments" notes are text: a -json stream carries only JSON lines.
  const silent = quiet || op.flags.bools.get("json") === true;
  const view = { output: (text: string) => void (silent || op.ctx.stdout.write(text + "\n")), diagnostics: (d: readonly Diagnostic[]) => showDiags(op, d) };
  const held = await acquireStateLock(op.store, opts, operation, view);
  if (!held.ok) {
    showDiags(op, held.diags);
    return false;
  }
  op.lock = held.lock;
  return true;
}

export async function unlockState(op: Operation): Promise<void> {
  const held = op.lock;
  if (held === undefined) return;
  op.lock = undefined;
  showDiags(op, await held.release());
}

/** Shows the plan on stdout as it is rendered, waiting for the reader whenever the pipe is full. */
/** `applying`: the plan an apply is about to carry out (plan-output.ts alternativePlanRendering). */
export function writePlan(op: Operation, plan: Plan, applying = false): Promise<void> {
  return writePieces(op.ctx.stdout, renderForOp(op, plan, applying));
}

export function renderForOp(op: Operation, plan: Plan, applying = false): Iterable<string> {
  const alternative = alternativePlanRendering(op, plan, applying); // -json or -concise (plan-output.ts)
  if (alternative !== undefined) return [alternative];
  // Unchanged objects print nothing; leaving them out spares the renderer 20,000 empty diffs in a no-op plan.
  const shown = plan.resourceChanges.filter((c) => c.action !== "no-op" || c.importing !== undefined || c.prevRunAddr !== undefined || c.deposedKey !== undefined);
  return renderPlanPieces(shown.length === plan.resourceChanges.length ? plan : { ...plan, resourceChanges: shown }, {
    color: op.color,
    schemaFor: (providerAddr, mode, type) => {
      const p = providerConfigOf(providerAddr);
      return p ? op.core.providers.resourceSchema(p.provider, mode, type)?.block : undefined;
    },
  });
}
