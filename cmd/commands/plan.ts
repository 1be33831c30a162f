// `cairn plan`, plus the plumbing `apply` and `destroy` share with it: flags, loading the configuration and
// variables, the state lock, crash recovery, planning, and rendering with the human plan renderer.
// Exit codes as Terraform: 0 success (no changes with -detailed-exitcode), 1 error, 2 changes (-detailed-exitcode).

import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command, CommandContext } from "../registry.js";
import { parseFlags, type ParsedFlags, type FlagSpecs } from "../flags.js";
import { renderDiagnostics, type SourceFile } from "../views/diagnostics.js";
import { sourceFileFromAst, sourceFileFromBytes } from "../views/source-files.js";
import { renderPlanPieces } from "../views/plan/index.js";
import { writePieces } from "../views/stream-write.js";
import { addChildSources, loadConfiguration } from "../load-config.js";
import { VERSION } from "../version.js";
import { currentWorkspace, statePathFor } from "../working-dir.js";
import { configFileNames, type ConfigModule } from "../../config/index.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { durationMilliseconds } from "../../lang/duration.js";
import { collectVariableValues } from "../../planner/variables/sources.js";
import { finalizeVariables } from "../../planner/variables/finalize.js";
import type { VariableFlag } from "../../planner/variables/raw.js";
import { variableDeclaration } from "../../planner/scope/module-scope.js";
import { terraformFunctions } from "../../lang/funcs/table.js";
import { parseTargetStr, parseAbsResourceInstanceStr, type Target } from "../../addrs/parse-target.js";
import { providerConfigOf } from "../../planner/core/provider-addr-cache.js";
import type { AbsResourceInstance } from "../../addrs/resource.js";
import { CoreContext, type PlanOptions } from "../../planner/core/index.js";
import type { ProviderFactory } from "../../planner/core/providers.js";
import { MemoryStateSink } from "../../planner/apply/state-sink.js";
import type { Plan, PlanMode } from "../../planner/plan/model.js";
import { builtinProviders } from "../../providers/registry.js";
import { LocalStateStore } from "../../state/local-store.js";
import { readJournalFile } from "../../state/journal-records.js";
import { replay } from "../../state/replay.js";
import type { StateFile } from "../../state/model.js";
import { alternativePlanRendering, jsonDiagnostics, planArtifactFlags, planNextStep, refreshHooksFor, savePlanIfAsked } from "./plan-output.js";
import { stateKeyring } from "../state-encryption.js";
import { driftedInstances, recordPlanDrift } from "./state/record-drift.js";

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
  readonly store: LocalStateStore;
  readonly planOptions: PlanOptions;
  readonly parallelism: number;
  lockId?: string;
}

export function showDiags(op: Pick<Operation, "ctx" | "sources" | "color" | "flags">, diags: readonly Diagnostic[]): void {
  if (diags.length === 0) return;
  if (jsonDiagnostics(op, diags)) return; // -json: diagnostic messages (plan-output.ts)
  const compact = op.flags.bools.get("compact-warnings") === true;
  const errors = diags.filter((d) => d.severity === "error");
  const warnings = diags.filter((d) => d.severity === "warning");
  if (compact && warnings.length > 0) {
    op.ctx.stdout.write(`\nWarnings:\n\n${warnings.map((w) => `- ${w.summary}`).join("\n")}\n`);
    op.ctx.stderr.write(renderDiagnostics(errors, op.sources, { color: op.color }));
    return;
  }
  if (warnings.length > 0) op.ctx.stdout.write(renderDiagnostics(warnings, op.sources, { color: op.color }));
  if (errors.length > 0) op.ctx.stderr.write(renderDiagnostics(errors, op.sources, { color: op.color }));
}


export function providerFactories(): Map<string, ProviderFactory> {
  const reg = builtinProviders();
  const out = new Map<string, ProviderFactory>();
  for (const addr of reg.addresses()) out.set(addr.toString(), () => reg.instantiate(addr).provider!);
  return out;
}

function withCwd<T>(dir: string, fn: () => T): T {
  const before = process.cwd();
  if (before === dir) return fn();
  process.chdir(dir);
  try {
    return fn();
  } finally {
    process.chdir(before);
  }
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
    ctx.stderr.write(`Error: ${parsed.message}\n\nUsage: cairn ${name} [options]\n`);
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
  for (const fname of loaded.module.primaryFiles) {
    const path = `${ctx.cwd}/${fname}`;
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    const body = loaded.nativeBodies.get(fname);
    sources.set(fname, body !== undefined ? sourceFileFromAst({ filename: fname, body, bytes }) : sourceFileFromBytes(bytes));
  }
  addChildSources(sources, loaded);
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
  const interactive = flags.bools.get("input") === true && flags.bools.get("json") !== true && ctx.stdin.isTTY === true;
  const vars = await finalizeVariables(decls, collected.values, {
    functions: terraformFunctions({ baseDir: ctx.cwd }),
    ...(interactive
      ? {
          prompt: async (d) =>
            promptLine(ctx, `var.${d.name}\n${d.description ? `  ${d.description}\n` : ""}\n  Enter a value: `),
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
  const core = new CoreContext({ module: loaded.module, providers: providerFactories(), variables: vars.values, cwd: ctx.cwd, workspace: currentWorkspace(ctx.env, ctx.cwd), cairnVersion: VERSION, modules: loaded.modules });
  const store = new LocalStateStore({ workingDir: ctx.cwd, path: statePathFor(ctx, flags.strings.get("state")), keyring: keyring.keyring });
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
      ...refreshHooksFor(base),
    },
  };
}

/** Takes the state lock unless -lock=false. Returns false (diagnostics shown) when it is held elsewhere. */
export async function lockState(op: Operation, operation: string): Promise<boolean> {
  if (op.flags.bools.get("lock") === false) return true;
  const timeout = durationMilliseconds(op.flags.strings.get("lock-timeout") ?? "0s");
  if (timeout === undefined) {
    showDiags(op, [errorDiag("Invalid lock timeout", `The -lock-timeout value "${op.flags.strings.get("lock-timeout")}" is not a valid duration, such as "30s" or "2m".`)]);
    return false;
  }
  const r = await op.store.lock({ operation, version: VERSION, timeoutMs: timeout });
  if (!r.ok) {
    showDiags(op, r.diags);
    return false;
  }
  op.lockId = r.id;
  return true;
}

export async function unlockState(op: Operation): Promise<void> {
  if (op.lockId === undefined) return;
  const d = await op.store.unlock(op.lockId);
  op.lockId = undefined;
  if (d.length > 0) showDiags(op, d);
}

/** Shows the plan on stdout as it is rendered, waiting for the reader whenever the pipe is full. */
export function writePlan(op: Operation, plan: Plan): Promise<void> {
  return writePieces(op.ctx.stdout, renderForOp(op, plan));
}

export function renderForOp(op: Operation, plan: Plan): Iterable<string> {
  const alternative = alternativePlanRendering(op, plan); // -json or -concise (plan-output.ts)
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

/** The state to plan against, without writing anything: the state file plus a crashed run's journal. */
export async function stateForPlan(op: Operation): Promise<{ state?: StateFile; diags: Diagnostic[] }> {
  const read = await op.store.read();
  if (read.diags.length > 0) return { diags: read.diags };
  const j = await readJournalFile(op.store.journalPath, op.store.keyring);
  if (j.diags.length > 0) return { diags: j.diags };
  if (read.state === undefined || j.records.length === 0) return { state: read.state, diags: [] };
  const r = replay(read.state, j.records);
  if (r.diags.length > 0) return { diags: r.diags };
  if (r.pending.length === 0) return { state: r.state, diags: [] };
  // Pending creates are resolved in memory only: a plan never writes state. The next apply records them.
  const sink = new MemoryStateSink(r.state);
  const rec = await op.core.recover(r.pending, sink);
  return { state: sink.currentState(), diags: rec.diags };
}

export const planCommand: Command = {
  name: "plan",
  synopsis: "Show changes required by the current configuration",
  async run(argv, ctx) {
    const op = await prepareOperation(argv, ctx, "plan", planArtifactFlags);
    if (typeof op === "number") return op;
    try {
      if (!(await lockState(op, "OperationTypePlan"))) return 1;
      const st = await stateForPlan(op);
      showDiags(op, st.diags);
      if (hasErrors(st.diags)) return 1;
      const { plan, diags } = await op.core.plan(st.state, op.planOptions);
      if (plan === undefined || hasErrors(diags)) {
        if (plan !== undefined && plan.resourceChanges.length > 0) await writePlan(op, plan);
        showDiags(op, diags);
        return 1;
      }
      const saved = await savePlanIfAsked(op, plan); // -out=FILE (plan-output.ts)
      showDiags(op, saved);
      if (hasErrors(saved)) return 1;
      await writePlan(op, plan);
      showDiags(op, diags);
      if (plan.mode === "refresh-only" && st.state !== undefined) {
        showDiags(op, recordPlanDrift(op.store, ctx, st.state, driftedInstances(plan), { command: "plan -refresh-only", args: argv }).diags);
      }
      if (plan.applyable) ctx.stdout.write(planNextStep(op, op.color)); // "Saved the plan to" or the -out note
      return op.flags.bools.get("detailed-exitcode") && plan.applyable ? 2 : 0;
    } finally {
      await unlockState(op);
      await op.core.close();
    }
  },
};
