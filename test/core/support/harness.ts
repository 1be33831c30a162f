// In-process harness for planner tests: write a configuration to a temp dir, load it, finalize variables,
// and run CoreContext plan/apply with the built-in provider plus the test provider on a shared cloud.

import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadModuleDir } from "../../../config/index.js";
import { loadModuleTree } from "../../../modules/index.js";
import { CoreContext, type PlanOptions } from "../../../planner/core/index.js";
import { ProviderRegistry } from "../../../providers/registry.js";
import { MemoryStateSink } from "../../../planner/apply/state-sink.js";
import type { ApplyHooks } from "../../../planner/apply/hooks.js";
import { finalizeVariables } from "../../../planner/variables/finalize.js";
import { variableDeclaration } from "../../../planner/scope/module-scope.js";
import { terraformFunctions } from "../../../lang/funcs/table.js";
import type { RawVariableValue } from "../../../planner/variables/raw.js";
import type { Diagnostic } from "../../../lang/diagnostics.js";
import type { Plan } from "../../../planner/plan/model.js";
import type { StateFile } from "../../../state/model.js";
import { Provider } from "../../../addrs/provider.js";
import { TerraformProvider } from "../../../providers/terraform/index.js";
import { TestThingProvider, testProviderAddr } from "../../providers/support/test-thing-provider.js";
import { TestThingCloud } from "../../providers/support/test-thing-cloud.js";

export function writeConfig(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cairn-core-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export interface Harness {
  readonly dir: string;
  readonly cloud: TestThingCloud;
  readonly providers: TestThingProvider[];
  plan(state: StateFile | undefined, opts?: PlanOptions): Promise<{ plan?: Plan; diags: Diagnostic[] }>;
  apply(plan: Plan, state: StateFile | undefined, hooks?: ApplyHooks): Promise<{ state: StateFile; diags: Diagnostic[] }>;
  /** plan then apply; returns the new state. */
  converge(state?: StateFile, opts?: PlanOptions): Promise<{ state: StateFile; plan: Plan; diags: Diagnostic[] }>;
}

export interface HarnessOptions {
  readonly vars?: Record<string, string>;
  readonly cloud?: TestThingCloud;
  /** Called on every test provider instance made. */
  readonly setup?: (p: TestThingProvider) => void;
  readonly applyDelayMs?: number;
}

export function factories(cloud: TestThingCloud, made: TestThingProvider[], setup?: (p: TestThingProvider) => void, delay = 0): ProviderRegistry {
  return new ProviderRegistry()
    .register(Provider.implied("terraform"), () => new TerraformProvider())
    .register(testProviderAddr, () => {
      const p = new TestThingProvider(cloud, delay);
      setup?.(p);
      made.push(p);
      return p;
    });
}

export async function harness(dir: string, opts: HarnessOptions = {}): Promise<{ h?: Harness; diags: Diagnostic[] }> {
  const prev = process.cwd();
  process.chdir(dir);
  let loaded;
  try {
    loaded = loadModuleDir(".");
  } finally {
    process.chdir(prev);
  }
  // A root that calls modules is loaded as a module tree (as the commands do).
  const tree = loaded.module.moduleCalls.size > 0 ? loadModuleTree(dir) : undefined;
  const modules = tree?.tree.nodes ?? [];
  const diags = tree ? [...tree.diags] : [...loaded.diags];
  const decls = new Map([...loaded.module.variables.values()].map((v) => [v.name, variableDeclaration(v)]));
  const raw = new Map<string, RawVariableValue>(
    Object.entries(opts.vars ?? {}).map(([name, text]) => [name, { name, sourceKind: "cli", sourceLabel: `-var="${name}=..."`, text }]),
  );
  const vars = await finalizeVariables(decls, raw, { functions: terraformFunctions({ baseDir: dir }) });
  diags.push(...vars.diags);
  if (diags.some((d) => d.severity === "error")) return { diags };
  const cloud = opts.cloud ?? new TestThingCloud();
  const made: TestThingProvider[] = [];
  const newCore = () =>
    new CoreContext({ module: loaded.module, providers: factories(cloud, made, opts.setup, opts.applyDelayMs), variables: vars.values, cwd: dir, cairnVersion: "0.0.0-test", modules });
  let core = newCore();
  const h: Harness = {
    dir,
    cloud,
    providers: made,
    async plan(state, o) {
      await core.close();
      core = newCore();
      return core.plan(state, o);
    },
    async apply(plan, state, hooks) {
      const sink = new MemoryStateSink(state ?? plan.priorState);
      const r = await core.apply(plan, sink, { hooks });
      await core.close();
      core = newCore();
      return { state: sink.currentState(), diags: r.diags };
    },
    async converge(state, o) {
      const p = await h.plan(state, o);
      if (!p.plan) throw new Error("plan failed: " + JSON.stringify(p.diags));
      const a = await h.apply(p.plan, state);
      return { state: a.state, plan: p.plan, diags: [...p.diags, ...a.diags] };
    },
  };
  return { h, diags };
}
