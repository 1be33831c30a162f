// `cairn test` (Terraform's TestSuiteRunner and TestFileRunner): each test file in name order, its run blocks
// in order, each a plan (`command = plan`) or a plan and apply of the module under test through the one core
// (CoreContext), against state kept in memory per module under test for the length of the file. After the
// last run, every state that holds managed objects is destroyed, the state last written first, with the
// variables of the run that wrote it. Nothing touches the working directory's state.

import { join } from "node:path";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { terraformFunctions } from "../../lang/funcs/table.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { expressionReferences } from "../../lang/eval/references.js";
import { didYouMean } from "../../lang/suggest.js";
import { validateExpressionReferences } from "../../config/validate-references.js";
import { staticReferenceDiags } from "../../planner/validate/references.js";
import { parseExpression } from "../../lang/syntax/parser.js";
import { DynamicVal, NullDynamic, objectVal, stringVal, SENSITIVE, type Value } from "../../lang/values/value.js";
import type { TestFile, TestRun } from "../../config/test-file.js";
import { CoreContext, type PlanOptions } from "../../planner/core/index.js";
import { parseAbsResourceInstance, parseTarget, type Target } from "../../addrs/parse-target.js";
import type { AbsResourceInstance } from "../../addrs/resource.js";
import { MemoryStateSink } from "../../planner/apply/state-sink.js";
import type { Plan } from "../../planner/plan/model.js";
import { finalizeVariables } from "../../planner/variables/finalize.js";
import type { RawVariableValue } from "../../planner/variables/raw.js";
import { variableDeclaration } from "../../planner/scope/module-scope.js";
import { emptyState, type StateFile } from "../../state/model.js";
import { outputStateValue } from "../../state/output-value.js";
import { loadConfiguration, type LoadedConfiguration } from "../load-config.js";
import { providerRegistry } from "../providers.js";
import { VERSION } from "../version.js";
import type { Host } from "../host.js";
import type { SourceFile } from "../../lang/source-files.js";
import { assertionContext, evaluateAssertions } from "./assertions.js";
import { explainExpectedFailures, validateExpectedFailures } from "./expected-failures.js";
import { mergeStatus, type TestStatus } from "./status.js";
import type { TestView } from "./view.js";
import type { StateSchemaLookup } from "../../planner/scope/state-values.js";
import { providerConfigOf } from "../../planner/eval/provider-addr-cache.js";

export interface TestSuiteOptions {
  readonly host: Host;
  /** The test directory relative to the working directory (`tests`). */
  readonly testDir: string;
  readonly files: ReadonlyMap<string, TestFile>;
  /** -filter: only these files (unknown names are skipped). */
  readonly filter: readonly string[];
  /** -var, -var-file, TF_VAR_ and the working directory's tfvars files. */
  readonly globals: ReadonlyMap<string, RawVariableValue>;
  /** tfvars files of the test directory: global too, for the files in it, and ahead of the others. */
  readonly testGlobals: ReadonlyMap<string, RawVariableValue>;
  readonly verbose: boolean;
  readonly view: TestView;
  /** Every configuration file read, for rendering diagnostics (the runner adds the modules it loads). */
  readonly sources: Map<string, SourceFile>;
}

interface FileState {
  run?: TestRun;
  state: StateFile;
}

interface RunResult {
  status: TestStatus;
  diags: Diagnostic[];
  state?: StateFile;
  verbose?: { plan?: Plan; state?: StateFile; schemaFor: StateSchemaLookup };
}

const MAIN = "";

export async function runTestSuite(opts: TestSuiteOptions): Promise<TestStatus> {
  const names = opts.filter.length > 0 ? opts.filter.filter((n) => opts.files.has(n)) : [...opts.files.keys()];
  const files = [...new Set(names)].sort().map((n) => opts.files.get(n)!);
  opts.view.abstract(files);
  let suite: TestStatus = "pass";
  const counts = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  const configs = new Map<string, LoadedConfiguration>();
  for (const file of files) {
    const runner = new FileRunner(opts, file, configs);
    opts.view.file(file, "starting");
    const statuses = await runner.runAll();
    opts.view.file(file, "teardown");
    await runner.cleanup();
    opts.view.file(file, "complete", runner.status, []);
    suite = mergeStatus(suite, runner.status);
    for (const s of statuses) {
      if (s === "pass") counts.passed++;
      else if (s === "fail") counts.failed++;
      else if (s === "error") counts.errored++;
      else if (s === "skip") counts.skipped++;
    }
  }
  opts.view.conclusion({ status: suite, ...counts });
  return suite;
}

class FileRunner {
  status: TestStatus = "pending";
  private readonly states = new Map<string, FileState>([[MAIN, { state: emptyState(VERSION) }]]);
  private readonly outputs = new Map<string, Value | undefined>();

  constructor(
    private readonly opts: TestSuiteOptions,
    private readonly file: TestFile,
    private readonly configs: Map<string, LoadedConfiguration>,
  ) {
    for (const r of file.runs) this.outputs.set(r.name, undefined);
  }

  async runAll(): Promise<TestStatus[]> {
    this.status = mergeStatus(this.status, "skip");
    if (this.file.runs.length === 0) this.status = mergeStatus(this.status, "pass");
    const statuses: TestStatus[] = [];
    for (const run of this.file.runs) {
      if (this.status === "error") {
        // A run that errored stops the file: the rest are skipped, as Terraform does.
        this.opts.view.runComplete({ file: this.file, run, status: "skip", diags: [] });
        statuses.push("skip");
        continue;
      }
      const key = run.stateKey ?? run.module?.source ?? MAIN;
      const held = this.states.get(key) ?? { state: emptyState(VERSION) };
      this.states.set(key, held);
      this.opts.view.runStarting(this.file, run);
      const result = await this.run(run, held.state);
      if (result.state !== undefined) {
        held.state = result.state;
        held.run = run;
      }
      this.opts.view.runComplete({ file: this.file, run, status: result.status, diags: result.diags, ...(result.verbose !== undefined ? { verbose: result.verbose } : {}) });
      this.status = mergeStatus(this.status, result.status);
      statuses.push(result.status);
    }
    return statuses;
  }

  private config(run: TestRun | undefined): LoadedConfiguration {
    const key = run?.module?.source ?? MAIN;
    let loaded = this.configs.get(key);
    if (loaded === undefined) {
      loaded = loadConfiguration(key === MAIN ? this.opts.host.cwd : join(this.opts.host.cwd, key));
      for (const [n, f] of loaded.sources) if (!this.opts.sources.has(n)) this.opts.sources.set(n, f);
      this.configs.set(key, loaded);
    }
    return loaded;
  }

  private core(loaded: LoadedConfiguration, variables: ReadonlyMap<string, Value>, dir: string): CoreContext {
    return new CoreContext({ module: loaded.module, providers: providerRegistry({ cwd: dir, env: this.opts.host.env }), variables, cwd: dir, workspace: "default", cairnVersion: VERSION, modules: loaded.modules });
  }

  private dirOf(run: TestRun | undefined): string {
    return run?.module !== undefined ? join(this.opts.host.cwd, run.module.source) : this.opts.host.cwd;
  }

  private async run(run: TestRun, state: StateFile): Promise<RunResult> {
    const diags: Diagnostic[] = [];
    const loaded = this.config(run);
    diags.push(...loaded.diags);
    if (hasErrors(loaded.diags)) return { status: "error", diags };
    const vars = await this.variables(loaded, run, true);
    diags.push(...vars.diags.filter((d) => d.checkRule === undefined || d.severity === "warning"));
    const varChecks = vars.diags.filter((d) => d.checkRule !== undefined && d.severity === "error");
    if (hasErrors(diags)) return { status: "error", diags };
    const core = this.core(loaded, vars.values, this.dirOf(run));
    try {
      const validated = await core.validate();
      diags.push(...validated);
      if (hasErrors(validated)) return { status: "error", diags };
      const options = planOptions(run);
      diags.push(...options.diags);
      if (hasErrors(options.diags)) return { status: "error", diags };
      const planned = await core.plan(state, options.options);
      const planDiags = [...varChecks, ...planned.diags];
      if (run.command === "plan") {
        const checked = validateExpectedFailures(run, planDiags);
        diags.push(...checked);
        if (hasErrors(checked) || planned.plan === undefined || planned.rootContext === undefined) return { status: "error", diags };
        const outputs = plannedOutputs(planned.plan);
        const evaluated = this.assert(run, core, loaded, planned.rootContext, outputs, vars.extra);
        diags.push(...evaluated.diags);
        return { status: evaluated.status, diags, ...(this.opts.verbose ? { verbose: { plan: planned.plan, schemaFor: schemaLookup(core) } } : {}) };
      }
      const explained = explainExpectedFailures(run, planDiags);
      if (hasErrors(explained) || planned.plan === undefined) {
        diags.push(...explained);
        return { status: "error", diags };
      }
      // The apply reports the check blocks again (fixed or not): the plan's warnings about them would repeat.
      diags.push(...explained.filter((d) => d.checkRule === undefined));
      const sink = new MemoryStateSink(state);
      const applied = await core.apply(planned.plan, sink, {});
      const after = sink.currentState();
      const checked = validateExpectedFailures(run, applied.diags);
      diags.push(...checked);
      if (hasErrors(checked) || applied.rootContext === undefined) return { status: "error", diags, state: after };
      const evaluated = this.assert(run, core, loaded, applied.rootContext, stateOutputs(loaded, after), vars.extra);
      diags.push(...evaluated.diags);
      return { status: evaluated.status, diags, state: after, ...(this.opts.verbose ? { verbose: { state: after, schemaFor: schemaLookup(core) } } : {}) };
    } finally {
      await core.close();
    }
  }

  private assert(run: TestRun, core: CoreContext, loaded: LoadedConfiguration, root: EvalContext, outputs: Map<string, Value>, extra: ReadonlyMap<string, Value>): { status: TestStatus; diags: Diagnostic[] } {
    const runs = new Map<string, Value>();
    for (const [name, v] of this.outputs) if (v !== undefined) runs.set(name, v);
    const ctx = assertionContext({ root, outputs, extraVariables: extra, runs });
    const result = evaluateAssertions(run.asserts, ctx, (exprs) => this.staticReferences(exprs, core, loaded, extra));
    this.outputs.set(run.name, objectVal(outputs));
    return result;
  }

  /**
   * Terraform's static checks of an assertion's references (its testing scope): `run.NAME` and `output.NAME`
   * here, test-only variables allowed, the rest as in a root-module body, then resource attributes against
   * the provider schemas.
   */
  private staticReferences(exprs: readonly Expression[], core: CoreContext, loaded: LoadedConfiguration, extra: ReadonlyMap<string, Value>): Diagnostic[] {
    const diags = runReferenceErrors(exprs, this.file, this.outputs);
    const moduleLevel: Expression[] = [];
    for (const expr of exprs) {
      for (const t of expressionReferences(expr)) {
        const root = t[0];
        const step = t[1];
        if (root?.kind !== "root" || root.name === "run") continue;
        if (root.name === "output") {
          if (step?.kind === "attr" && !loaded.module.outputs.has(step.name)) {
            const subject = { filename: root.range.filename, start: root.range.start, end: step.range.end };
            diags.push(errorDiag("Reference to undeclared output value", `An output value with the name "${step.name}" has not been declared.${didYouMean(step.name, [...loaded.module.outputs.keys()].sort())}`, subject));
          }
          continue;
        }
        if (root.name === "var" && step?.kind === "attr" && extra.has(step.name)) continue;
        moduleLevel.push({ kind: "ScopeTraversal", traversal: t, range: { filename: root.range.filename, start: root.range.start, end: t[t.length - 1]!.range.end } });
      }
    }
    diags.push(...validateExpressionReferences(loaded.module, moduleLevel));
    if (!hasErrors(diags)) diags.push(...staticReferenceDiags(moduleLevel, loaded.module, core.providers));
    return diags;
  }

  /** The context run and file `variables` are evaluated in: `var` (file and global values) and `run`. */
  private exprContext(vars: ReadonlyMap<string, Value>): EvalContext {
    const runs = new Map<string, Value>();
    for (const [name, v] of this.outputs) runs.set(name, v ?? DynamicVal);
    return { variables: new Map([["var", objectVal(new Map(vars))], ["run", objectVal(runs)]]), functions: terraformFunctions({ baseDir: this.opts.host.cwd }) };
  }

  /**
   * Terraform's GetVariables: the run's own values, then the file's, then the global ones, for every variable
   * the module declares; values for names it does not declare stay test-only (readable by assertions).
   */
  private async variables(loaded: LoadedConfiguration, run: TestRun, warnings: boolean): Promise<{ values: ReadonlyMap<string, Value>; extra: Map<string, Value>; diags: Diagnostic[] }> {
    const diags: Diagnostic[] = [];
    const declared = loaded.module.variables;
    const inTestDir = this.file.name.startsWith(`${this.opts.testDir}/`);
    const globalRaw = new Map(this.opts.globals);
    if (inTestDir) for (const [k, v] of this.opts.testGlobals) globalRaw.set(k, v);
    const globals = new Map<string, Value>();
    for (const [name, raw] of globalRaw) {
      const v = rawValue(raw, declared.get(name) !== undefined ? variableDeclaration(declared.get(name)!).parsingMode : "literal", diags);
      if (v !== undefined) globals.set(name, v);
    }
    const fileValues = new Map<string, Value>(globals);
    const fileCtx = this.exprContext(globals);
    for (const [name, expr] of this.file.variables) fileValues.set(name, evalOrDynamic(expr, fileCtx, diags));
    diags.push(...runReferenceErrors([...this.file.variables.values(), ...run.variables.values()], this.file, this.outputs));
    if (hasErrors(diags)) return { values: new Map(), extra: new Map(), diags };
    const runCtx = this.exprContext(fileValues);
    const given = new Map<string, RawVariableValue>();
    for (const [name, expr] of run.variables) {
      const value = evalOrDynamic(expr, runCtx, diags);
      if (!declared.has(name)) {
        if (warnings) {
          diags.push({ severity: "warning", summary: "Value for undeclared variable", detail: `The module under test does not declare a variable named "${name}", but it is declared in run block "${run.name}".`, subject: expr.range });
        }
        continue;
      }
      given.set(name, literal(name, value, expr));
    }
    const extra = new Map<string, Value>();
    for (const [name, v] of fileValues) {
      if (declared.has(name)) {
        if (!given.has(name)) {
          const fileExpr = this.file.variables.get(name);
          given.set(name, fileExpr !== undefined ? literal(name, v, fileExpr) : globalRaw.get(name)!);
        }
      } else extra.set(name, v);
    }
    if (hasErrors(diags)) return { values: new Map(), extra, diags };
    const decls = new Map([...declared.values()].map((v) => [v.name, variableDeclaration(v)]));
    const finalized = await finalizeVariables(decls, given, { functions: terraformFunctions({ baseDir: this.opts.host.cwd }) });
    for (const d of finalized.diags) {
      if (d.summary === "No value for required variable") {
        const name = [...decls.values()].find((x) => x.declRange === d.subject)?.name ?? "";
        diags.push({ ...d, detail: `The module under test for run block "${run.name}" has a required variable "${name}" with no set value. Use a -var or -var-file command line argument or add this variable into a "variables" block within the test file or run block.` });
      } else diags.push(d);
    }
    return { values: finalized.values, extra, diags };
  }

  /** Destroys what each state still holds, the one written last first (Terraform's cleanup). */
  async cleanup(): Promise<void> {
    const held = [...this.states.values()].filter((s) => s.state.resources.some((r) => r.mode === "managed" && r.instances.length > 0));
    for (const s of held) {
      if (s.run === undefined) {
        this.status = "error";
        this.opts.view.destroySummary(this.file, undefined, [errorDiag("Inconsistent state", `Found inconsistent state while cleaning up ${this.file.name}. This is a bug in Cairn - please report it`)], leftovers(s.state));
      }
    }
    const ordered = held.filter((s) => s.run !== undefined).sort((a, b) => b.run!.index - a.run!.index);
    for (const s of ordered) {
      const run = s.run!;
      const diags: Diagnostic[] = [];
      let state = s.state;
      const loaded = this.config(run);
      const vars = await this.variables(loaded, run, false);
      diags.push(...vars.diags.filter((d) => d.severity === "error"));
      if (!hasErrors(diags)) {
        this.opts.view.runTeardown(this.file, run);
        const core = this.core(loaded, vars.values, this.dirOf(run));
        try {
          const planned = await core.plan(state, { mode: "destroy" });
          diags.push(...planned.diags.filter((d) => d.severity === "error"));
          if (!hasErrors(diags) && planned.plan !== undefined) {
            const sink = new MemoryStateSink(state);
            const applied = await core.apply(planned.plan, sink, {});
            diags.push(...applied.diags.filter((d) => d.severity === "error"));
            state = sink.currentState();
          }
        } finally {
          await core.close();
        }
      }
      const left = leftovers(state);
      if (left.length > 0) this.status = "error";
      s.state = state;
      this.opts.view.destroySummary(this.file, run, diags, left);
    }
  }
}

function leftovers(state: StateFile): string[] {
  const out: string[] = [];
  for (const r of state.resources) {
    if (r.mode !== "managed") continue;
    for (const i of r.instances) {
      const key = i.index_key === undefined ? "" : typeof i.index_key === "number" ? `[${i.index_key}]` : `[${JSON.stringify(i.index_key)}]`;
      out.push(`${r.module !== undefined ? `${r.module}.` : ""}${r.type}.${r.name}${key}${i.deposed !== undefined ? ` (${i.deposed})` : ""}`);
    }
  }
  return out.sort();
}

function evalOrDynamic(expr: Expression, ctx: EvalContext, diags: Diagnostic[]): Value {
  const r = evaluate(expr, ctx);
  diags.push(...r.diags);
  return hasErrors(r.diags) ? DynamicVal : r.value;
}

/** A value already evaluated, handed to the variables module as a constant written in the test file. */
function literal(name: string, value: Value, at: Expression): RawVariableValue {
  return { name, sourceKind: "file", sourceLabel: at.range.filename, expr: { kind: "LiteralValue", value, range: at.range }, range: at.range };
}

/** A global value as Terraform reads it for tests: by the declared variable's parsing mode, else a string. */
function rawValue(raw: RawVariableValue, mode: "literal" | "hcl", diags: Diagnostic[]): Value | undefined {
  if (raw.expr !== undefined) {
    const r = evaluate(raw.expr, { variables: new Map(), functions: new Map() });
    diags.push(...r.diags);
    return hasErrors(r.diags) ? undefined : r.value;
  }
  const text = raw.text ?? "";
  if (mode === "literal") return stringVal(text);
  const parsed = parseExpression(text, `<value for var.${raw.name}>`);
  diags.push(...parsed.diags);
  if (hasErrors(parsed.diags)) return undefined;
  const r = evaluate(parsed.expr, { variables: new Map(), functions: new Map() });
  diags.push(...r.diags);
  return hasErrors(r.diags) ? undefined : r.value;
}

/** The root outputs a plan would leave: each one's planned value, unknown parts included. */
function plannedOutputs(plan: Plan): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const c of plan.outputChanges) {
    if (c.addr.module.isRoot() === false) continue;
    const v = c.after ?? NullDynamic;
    out.set(c.addr.output.name, c.sensitive ? v.mark(SENSITIVE) : v);
  }
  return out;
}

/** The root outputs an apply left in state; a declared output with no value there is null. */
function stateOutputs(loaded: LoadedConfiguration, state: StateFile): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const name of loaded.module.outputs.keys()) {
    const o = state.outputs[name];
    const v = outputStateValue(o) ?? NullDynamic;
    out.set(name, o?.sensitive === true ? v.mark(SENSITIVE) : v);
  }
  return out;
}

/** The schemas the run's core loaded, for rendering its plan or state with -verbose. */
function schemaLookup(core: CoreContext): StateSchemaLookup {
  return (providerAddr, mode, type) => {
    const p = providerConfigOf(providerAddr);
    return p !== undefined ? core.providers.resourceSchema(p.provider, mode, type)?.block : undefined;
  };
}

/** `run.NAME` must name a run block of the file that has already run (Terraform's staticValidateRunRef). */
function runReferenceErrors(exprs: readonly Expression[], file: TestFile, outputs: ReadonlyMap<string, Value | undefined>): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const expr of exprs) {
    for (const t of expressionReferences(expr)) {
      const root = t[0];
      const step = t[1];
      if (root?.kind !== "root" || root.name !== "run" || step?.kind !== "attr") continue;
      const subject = { filename: root.range.filename, start: root.range.start, end: step.range.end };
      if (!outputs.has(step.name)) {
        diags.push(errorDiag("Reference to undeclared run block", `There is no run "${step.name}" declared in this test suite.${didYouMean(step.name, file.runs.map((r) => r.name).sort())}`, subject));
      } else if (outputs.get(step.name) === undefined) {
        diags.push(errorDiag("Reference to unevaluated run block", `The run "${step.name}" block has not yet been evaluated, so its results are not available here.`, subject));
      }
    }
  }
  return diags;
}

/** A run's `plan_options` as the core's plan options (Terraform's GetTargets and GetReplaces). */
function planOptions(run: TestRun): { options: PlanOptions; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const targets: Target[] = [];
  const forceReplace: AbsResourceInstance[] = [];
  for (const t of run.options.target) {
    const parsed = parseTarget(t);
    diags.push(...parsed.diags);
    if (parsed.target !== undefined) targets.push(parsed.target);
  }
  for (const t of run.options.replace) {
    const parsed = parseAbsResourceInstance(t);
    diags.push(...parsed.diags);
    if (parsed.addr === undefined) continue;
    if (parsed.addr.resource.resource.mode !== "managed") {
      diags.push(errorDiag("Can only target managed resources for forced replacements.", parsed.addr.toString(), t[0]!.range));
      continue;
    }
    forceReplace.push(parsed.addr);
  }
  return { options: { mode: run.options.mode, refresh: run.options.refresh, targets, forceReplace }, diags };
}
