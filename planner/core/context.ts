// CoreContext (OpenTofu's tofu.Context): given the loaded root module, provider factories and root variable
// values, it validates, plans against a prior state, applies a plan through a state sink, and recovers a
// crashed apply's pending creates. Commands own I/O (files, locks, prompts); this owns the semantics.

import type { ReadHooks, RefreshHooks } from "../plan/refresh.js";
import { Module, ModuleInstance } from "../../addrs/module.js";
import { AbsResourceInstance } from "../../addrs/resource.js";
import type { AbsProviderConfig, Provider } from "../../addrs/provider.js";
import type { Target } from "../../addrs/parse-target.js";
import { providerConfigOf } from "../eval/provider-addr-cache.js";
import type { ConfigModule } from "../../config/model.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { terraformFunctions } from "../../lang/funcs/table.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { DynamicVal, SENSITIVE, unknownVal, type Value } from "../../lang/values/value.js";
import type { Graph } from "../graph/graph.js";
import { emptyState, type ResourceState, type StateFile } from "../../state/model.js";
import type { PendingIntent } from "../../state/replay.js";
import type { Plan, PlanMode, ResourceInstanceChange } from "../plan/model.js";
import { targetingWarning, excludeWarning } from "../plan/warnings.js";
import { configureProvider } from "../eval/configure-provider.js";
import { applyMoves, forgottenResources, importTargets } from "../plan/moves.js";
import { outputStateValue } from "../../state/output-value.js";
import { outputChange } from "../plan/output-change.js";
import type { PlanWalkContext } from "../plan/walk-context.js";
import { buildApplyGraph } from "../apply/apply-graph.js";
import { resourceDependencies } from "../apply/apply-changes.js";
import { TrackedSink, type StateSink } from "../apply/state-sink.js";
import { noHooks, type ApplyHooks } from "../apply/hooks.js";
import type { ApplyCounts } from "../apply/apply-context.js";
import { recoverPendingIntents, type RecoveryResult } from "../apply/recover.js";
import { buildConfigGraph } from "../build/build-graph.js";
import { runApplyWalk, runPlanWalk, runValidateWalk } from "./walks.js";
import type { GraphNode } from "../eval/nodes.js";
import { ProviderSet } from "../eval/providers.js";
import type { ProviderRegistry } from "../../providers/registry.js";
import { Scope, resourceValueOf } from "../eval/scope.js";
import { Semaphore } from "../eval/semaphore.js";
import { StateIndex, instanceAddrOf, moduleInstanceOf } from "../eval/state-index.js";
import { childModules, type ChildModuleConfig } from "../eval/module-configs.js";
import { modulesByPath } from "../eval/module-scopes.js";
import { ModuleInstances } from "../eval/module-instances.js";
import { Targeting } from "../eval/targeting.js";
import { instanceToValue } from "../eval/state-values.js";
import { resourceProviderAddr } from "../build/transform-config-nodes.js";
import { pushTo } from "../eval/multimap.js";
import { instanceRefOf } from "../eval/state-index.js";
import { CheckResults } from "../eval/check-results.js";

export interface CoreContextOptions {
  readonly module: ConfigModule;
  readonly providers: ProviderRegistry;
  /** Finalized root variable values (planner/variables). */
  readonly variables: ReadonlyMap<string, Value>;
  readonly cwd: string;
  readonly workspace?: string;
  readonly cairnVersion: string;
  /**
   * The module tree's nodes (modules/ loadModuleTree: `tree.nodes`); the root's entry is ignored. Each child
   * module call is planned as a single instance with its objects under `module.<name>`.
   */
  readonly modules?: readonly ChildModuleConfig[];
}

export interface PlanOptions {
  readonly mode?: PlanMode;
  readonly refresh?: boolean;
  readonly targets?: readonly Target[];
  readonly excludes?: readonly Target[];
  /** -replace addresses. */
  readonly forceReplace?: readonly AbsResourceInstance[];
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  /** Told about each object read back during refresh ("Refreshing state...", the -json UI's refresh messages). */
  readonly refreshHooks?: RefreshHooks;
  /** Told about each data source read while planning ("Reading...", "Read complete"). */
  readonly readHooks?: ReadHooks;
  /** Imports besides the configuration's import blocks (`cairn import ADDR ID`), by instance address key. */
  readonly imports?: ReadonlyMap<string, { readonly id: string }>;
}

export interface ApplyOptions {
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  readonly hooks?: ApplyHooks;
}

export interface ApplyResult {
  readonly diags: Diagnostic[];
  readonly counts: ApplyCounts;
  /** Output values after apply (for printing), in name order. */
  readonly outputs: ReadonlyMap<string, { value: Value; sensitive: boolean }>;
  readonly cancelled: boolean;
  /** The root module's values after the walk (what `cairn test` assertions read). */
  readonly rootContext?: EvalContext;
}

export class CoreContext {
  readonly providers: ProviderSet;
  private readonly module: ConfigModule;
  private readonly children: readonly ChildModuleConfig[];

  constructor(private readonly opts: CoreContextOptions) {
    this.module = opts.module;
    this.children = childModules(opts.modules);
    this.providers = new ProviderSet(opts.providers, opts.cairnVersion);
  }

  /** The child modules' directories relative to the working directory (for a saved plan's snapshot). */
  moduleDirs(): string[] {
    return [...new Set(this.children.map((c) => c.dir))];
  }

  /** Every provider the configuration or state needs. */
  private requiredProviders(state: StateFile | undefined): Provider[] {
    const out = new Map<string, Provider>();
    for (const m of [this.module, ...this.children.map((c) => c.module)]) {
      for (const r of [...m.managedResources.values(), ...m.dataResources.values()]) out.set(r.provider.toString(), r.provider);
    }
    for (const rp of this.module.requiredProviders.values()) out.set(rp.provider.toString(), rp.provider);
    for (const r of state?.resources ?? []) {
      const p = providerConfigOf(r.provider);
      if (p) out.set(p.provider.toString(), p.provider);
    }
    return [...out.values()];
  }

  private newScope(planTimestamp: Date): Scope {
    const scope = new Scope(terraformFunctions({ baseDir: this.opts.cwd, planTimestamp }), this.opts.cwd, this.opts.workspace ?? "default");
    for (const name of this.module.variables.keys()) scope.setVariable(name, this.opts.variables.get(name) ?? DynamicVal);
    return scope;
  }

  /**
   * The walk's module instances: the root's scope now, each child instance's when its call is expanded. Every
   * scope starts with its resources' values from `state`, so what -target leaves alone keeps its values.
   */
  private newModuleInstances(planTimestamp: Date, state: StateFile, checks?: CheckResults): ModuleInstances {
    const root = this.newScope(planTimestamp);
    const configs = modulesByPath(this.module, this.children);
    const calls = new Map<string, ChildModuleConfig[]>();
    for (const c of this.children) pushTo(calls, c.path.parent().toString(), c);
    const dirs = new Map(this.children.map((c) => [c.path.toString(), c.dir] as const));
    const stateByInstance = new Map<string, ResourceState[]>();
    for (const r of state.resources) pushTo(stateByInstance, moduleInstanceOf(r.module).toString(), r);
    const prepare = (scope: Scope, mi: ModuleInstance): Scope => {
      const path = mi.module().toString();
      for (const c of calls.get(path) ?? []) scope.declareModuleCall(c.call!.name, c.module.outputs.keys());
      const m = configs.get(path);
      for (const r of m ? [...m.managedResources.values(), ...m.dataResources.values()] : []) scope.declareResource(r.addr);
      for (const r of stateByInstance.get(mi.toString()) ?? []) this.seedResource(scope, r);
      return scope;
    };
    prepare(root, ModuleInstance.root);
    const workspace = this.opts.workspace ?? "default";
    return new ModuleInstances(root, (mi) => prepare(new Scope(root.functions, this.opts.cwd, workspace, dirs.get(mi.module().toString()) ?? "."), mi), checks);
  }

  /** The configuration graph (for `cairn graph` and validation). */
  async graph(state?: StateFile, targeting?: Targeting): Promise<{ graph?: Graph<GraphNode>; diags: Diagnostic[] }> {
    const diags = await this.providers.loadSchemas(this.requiredProviders(state));
    if (hasErrors(diags)) return { diags };
    const built = buildConfigGraph({ module: this.module, state, providers: this.providers, targeting, children: this.children });
    diags.push(...built.diags);
    return { graph: hasErrors(built.diags) ? undefined : built.graph, diags };
  }

  /**
   * Terraform's validate: the graph, then the validate walk (validate-walk.ts) with every root input variable
   * unknown of its type, so the configuration is checked for every value it could be given.
   */
  async validate(): Promise<Diagnostic[]> {
    const g = await this.graph();
    if (g.graph === undefined || hasErrors(g.diags)) return g.diags;
    const modules = this.newModuleInstances(new Date(), emptyState(this.opts.cairnVersion));
    for (const v of this.module.variables.values()) {
      const unknown = unknownVal(v.constraintType);
      modules.root.setVariable(v.name, v.sensitive ? unknown.mark(SENSITIVE) : unknown);
    }
    const walked = await runValidateWalk(g.graph, { modules, providers: this.providers, configs: modulesByPath(this.module, this.children) });
    return [...g.diags, ...walked];
  }

  /** `rootContext`: the root module's values as the plan walk left them (planned values; `cairn test` reads them). */
  async plan(prior: StateFile | undefined, opts: PlanOptions = {}): Promise<{ plan?: Plan; diags: Diagnostic[]; rootContext?: EvalContext }> {
    const mode = opts.mode ?? "normal";
    const timestamp = new Date();
    const prevRunState = prior ?? emptyState(this.opts.cairnVersion);
    const state = new StateIndex(prevRunState);
    const movedFrom = mode === "destroy" ? new Map<string, AbsResourceInstance>() : applyMoves(this.module, state, this.children);
    const targeting = new Targeting(opts.targets ?? [], opts.excludes ?? []);
    const g = await this.graph(prevRunState, targeting);
    const diags = g.diags;
    if (g.graph === undefined) return { diags };
    const modules = this.newModuleInstances(timestamp, state.toState(false));
    const scope = modules.root;
    const imports = importTargets(this.module, scope);
    for (const [k, v] of opts.imports ?? []) imports.imports.set(k, v);
    diags.push(...imports.diags);
    if (hasErrors(diags)) return { diags };
    const parallelism = opts.parallelism ?? 10;
    const ctx: PlanWalkContext = {
      mode,
      refresh: opts.refresh ?? true,
      ...(opts.refreshHooks !== undefined ? { refreshHooks: opts.refreshHooks } : {}),
      ...(opts.readHooks !== undefined ? { readHooks: opts.readHooks } : {}),
      providers: this.providers,
      scope,
      modules,
      moduleInstance: ModuleInstance.root,
      state,
      prevRunState,
      graph: g.graph,
      targeting,
      forceReplace: new Set((opts.forceReplace ?? []).map((a) => a.toString())),
      movedFrom,
      imports: imports.imports,
      forget: forgottenResources(this.module),
      semaphore: new Semaphore(parallelism, opts.signal),
      changes: new Map(),
      drift: [],
      outputChanges: [],
      warnings: [],
    };
    diags.push(...(await runPlanWalk(g.graph, ctx, parallelism, opts.signal)));
    opts.refreshHooks?.walked?.();
    opts.readHooks?.walked?.();
    diags.push(...ctx.warnings);
    if (opts.signal?.aborted) diags.push({ severity: "error", summary: "Operation cancelled", detail: "The plan was interrupted." });
    // Outputs recorded in state but no longer configured are removed.
    if (mode !== "refresh-only") {
      for (const [name, o] of Object.entries(prevRunState.outputs)) {
        if (this.module.outputs.has(name) && mode !== "destroy") continue;
        if (ctx.outputChanges.some((c) => c.addr.output.name === name)) continue;
        ctx.outputChanges.push(outputChange(name, outputStateValue(o), undefined, o.sensitive === true));
      }
    }
    const forgotten = [...ctx.changes.values()].filter((c) => c.action === "forget");
    if (forgotten.length > 0) diags.push(forgetWarning(forgotten.map((c) => c.addr.toString()).sort()));
    if (targeting.targets.length > 0) diags.push(targetingWarning());
    if (targeting.excludes.length > 0) diags.push(excludeWarning());
    const errored = hasErrors(diags);
    const resourceChanges = sortChanges([...ctx.changes.values()]);
    const outputChanges = [...ctx.outputChanges].sort((a, b) => (a.addr.output.name < b.addr.output.name ? -1 : a.addr.output.name > b.addr.output.name ? 1 : 0));
    const priorState = state.toState();
    const hasChanges =
      resourceChanges.some((c) => c.action !== "no-op" || c.importing !== undefined || c.prevRunAddr !== undefined) ||
      outputChanges.some((c) => c.action !== "no-op") ||
      (mode === "refresh-only" && ctx.drift.length > 0);
    const plan: Plan = {
      mode,
      resourceChanges,
      outputChanges,
      driftedResources: sortChanges(ctx.drift),
      prevRunState,
      priorState,
      variableValues: this.opts.variables,
      targetAddrs: (opts.targets ?? []).map((t) => t.subject.toString()),
      excludeAddrs: (opts.excludes ?? []).map((t) => t.subject.toString()),
      forceReplaceAddrs: (opts.forceReplace ?? []).map((a) => a.toString()),
      timestamp,
      applyable: !errored && hasChanges,
      // Terraform calls an errored plan incomplete too.
      complete: !targeting.active && !errored,
      errored,
      checks: modules.checks.toState(),
    };
    return { plan, diags, rootContext: scope.context() };
  }

  private seedResource(scope: Scope, r: ResourceState): void {
    const p = providerConfigOf(r.provider);
    const schema = p ? this.providers.resourceSchema(p.provider, r.mode, r.type) : undefined;
    if (!schema || r.instances.length === 0) return;
    const seed = () => {
      const vals = r.instances
        .filter((i) => i.deposed === undefined)
        .map((i) => {
          const v = instanceToValue(i, schema.block);
          return [instanceAddrOf(r, i).resource.instanceKey, v.ok ? v.value : DynamicVal] as const;
        });
      return resourceValueOf(r.each ?? "none", vals);
    };
    scope.seedResource(instanceAddrOf(r, r.instances[0]!).resource.resource, seed);
  }

  /** Adopts or abandons a crashed apply's pending creates (see planner/apply/recover.ts). */
  async recover(pending: readonly PendingIntent[], sink: StateSink): Promise<RecoveryResult> {
    if (pending.length === 0) return { adopted: [], abandoned: 0, diags: [] };
    const state = sink.currentState();
    const diags = await this.providers.loadSchemas(this.requiredProviders(state));
    if (hasErrors(diags)) return { adopted: [], abandoned: 0, diags };
    const scope = this.newScope(new Date());
    const configure = async (addr: AbsProviderConfig) => {
      const node = this.providerNode(addr);
      return configureProvider({ providers: this.providers, scope }, node);
    };
    return recoverPendingIntents(pending, this.providers, sink, configure);
  }

  private providerNode(addr: AbsProviderConfig): GraphNode & { kind: "provider" } {
    for (const pc of this.module.providerConfigs.values()) {
      const p = this.module.requiredProviders.get(pc.name)?.provider;
      if (p && p.equals(addr.provider) && pc.alias === addr.alias) return { kind: "provider", addr, config: pc };
    }
    return { kind: "provider", addr };
  }

  async apply(plan: Plan, sink: StateSink, opts: ApplyOptions = {}): Promise<ApplyResult> {
    const counts: ApplyCounts = { added: 0, changed: 0, destroyed: 0, imported: 0 };
    const outputs = new Map<string, { value: Value; sensitive: boolean }>();
    const targeting = new Targeting([], []);
    const g = await this.graph(plan.priorState, targeting);
    if (g.graph === undefined) return { diags: g.diags, counts, outputs, cancelled: false };
    // Refresh results, moves and data sources read during plan become part of the state first.
    syncState(sink, plan.priorState);
    for (const c of plan.resourceChanges) if (c.action === "forget") sink.recordResult({ ref: instanceRefOf(c.addr, c.deposedKey), provider: c.providerAddr.toString(), instance: null });
    const ag = buildApplyGraph(g.graph, plan);
    if (hasErrors(ag.diags)) return { diags: ag.diags, counts, outputs, cancelled: false };
    // Nodes for resources a targeted plan left out are not applied: keep only what the plan covered.
    const graph = plan.complete ? ag.graph : ag.graph.subgraph(plannedNodes(ag.graph, plan));
    const tracked = new TrackedSink(sink, plan.priorState);
    const parallelism = opts.parallelism ?? 10;
    const modules = this.newModuleInstances(plan.timestamp, plan.priorState, new CheckResults(plan.checks));
    // Deposed objects' deletions are found by the destroy nodes; this map holds each instance's own change.
    const changes = new Map(plan.resourceChanges.filter((c) => c.deposedKey === undefined).map((c) => [c.addr.key(), c] as const));
    const summary = await runApplyWalk(
      graph,
      {
        plan,
        providers: this.providers,
        scope: modules.root,
        modules,
        moduleInstance: ModuleInstance.root,
        sink: tracked,
        hooks: opts.hooks ?? noHooks,
        semaphore: new Semaphore(parallelism, opts.signal),
        ...(opts.signal ? { signal: opts.signal } : {}),
        changes,
        dependencies: resourceDependencies(g.graph),
        deposed: new Map(),
        counts,
        failures: [],
      },
      parallelism,
      opts.signal,
    );
    const diags = [...summary.diags];
    // Outputs no longer configured leave the state.
    for (const name of Object.keys(plan.priorState.outputs)) if (!this.module.outputs.has(name) || plan.mode === "destroy") tracked.recordOutput({ name, output: null });
    // The apply's check results replace the last run's (a destroy checks nothing and leaves none).
    tracked.recordChecks({ results: plan.mode === "destroy" ? null : modules.checks.toState() });
    diags.push(...(await tracked.flush()));
    const finalState = tracked.currentState();
    for (const [name, o] of Object.entries(finalState.outputs)) {
      const v = outputStateValue(o);
      if (v !== undefined) outputs.set(name, { value: v, sensitive: o.sensitive === true });
    }
    return { diags, counts, outputs, cancelled: opts.signal?.aborted === true, rootContext: modules.root.context() };
  }

  close(): Promise<void> {
    return this.providers.closeAll();
  }
}

function forgetWarning(addrs: readonly string[]): Diagnostic {
  return {
    severity: "warning",
    summary: "Some objects will no longer be managed by Cairn",
    detail: `If you apply this plan, Cairn will discard its tracking information for the following objects, but it will not delete them:\n${addrs.map((a) => ` - ${a}`).join("\n")}\n\nAfter applying this plan, Cairn will no longer manage these objects. You will need to import them into Cairn to manage them again.`,
  };
}

function sortChanges(cs: ResourceInstanceChange[]): ResourceInstanceChange[] {
  return cs.sort((a, b) => {
    const x = a.addr.toString();
    const y = b.addr.toString();
    return x < y ? -1 : x > y ? 1 : (a.deposedKey ?? "").localeCompare(b.deposedKey ?? "");
  });
}

function plannedNodes<N>(g: Graph<N>, plan: Plan): Set<string> {
  const keep = new Set<string>();
  const resources = new Set(plan.resourceChanges.map((c) => c.addr.containingResource().config().toString()));
  for (const id of g.nodeIds()) {
    const n = g.node(id) as unknown as { kind: string };
    if (n.kind === "resource" && !resources.has(id)) continue;
    keep.add(id);
  }
  return keep;
}

/** Records into the sink every object that differs between its state and `target`. */
function syncState(sink: StateSink, target: StateFile): void {
  const current = sink.currentState();
  const key = (m: string | undefined, mode: string, type: string, name: string, k: unknown, d: unknown) => JSON.stringify([m ?? "", mode, type, name, k ?? null, d ?? ""]);
  const have = new Map<string, string>();
  for (const r of current.resources) for (const i of r.instances) have.set(key(r.module, r.mode, r.type, r.name, i.index_key, i.deposed), JSON.stringify(i));
  const seen = new Set<string>();
  for (const r of target.resources) {
    for (const i of r.instances) {
      const k = key(r.module, r.mode, r.type, r.name, i.index_key, i.deposed);
      seen.add(k);
      if (have.get(k) === JSON.stringify(i)) continue;
      sink.recordResult({ ref: { ...(r.module ? { module: r.module } : {}), mode: r.mode, type: r.type, name: r.name, index_key: i.index_key, deposed: i.deposed }, provider: r.provider, each: r.each, instance: i });
    }
  }
  for (const r of current.resources) {
    for (const i of r.instances) {
      const k = key(r.module, r.mode, r.type, r.name, i.index_key, i.deposed);
      if (!seen.has(k)) sink.recordResult({ ref: { ...(r.module ? { module: r.module } : {}), mode: r.mode, type: r.type, name: r.name, index_key: i.index_key, deposed: i.deposed }, provider: r.provider, instance: null });
    }
  }
}

export { Module, resourceProviderAddr, AbsResourceInstance };
