// Planning a managed resource (OpenTofu's NodePlannableResource + NodePlannableResourceInstance +
// NodePlannableResourceInstanceOrphan): expand count/for_each, refresh each object recorded in state, decode
// the configuration per instance, ask the provider to plan, and choose the action and its reason exactly as
// Terraform does. Instances run concurrently under the walk's -parallelism bound.

import type { AbsResourceInstance } from "../../addrs/resource.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { PathStep } from "../../lang/values/convert.js";
import { DynamicVal, objectVal, rawEquals, stringVal, type Value } from "../../lang/values/value.js";
import { expressionReferences } from "../../lang/eval/references.js";
import type { Resource } from "../../config/model.js";
import type { InstanceKey } from "../../addrs/instance-key.js";
import type { GraphNode } from "../eval/nodes.js";
import { decodeBody } from "../eval/decode-body.js";
import { markSchemaSensitive, pathToStateJson, remark, sensitivePaths } from "../eval/marks.js";
import { indexToKey } from "../eval/state-index.js";
import { instanceToValue, nullObject, valueToStateAttributes } from "../eval/state-values.js";
import { referencedNodeId } from "../eval/node-refs.js";
import { proposedNewState } from "../../providers/objchange/proposed-new.js";
import { forcesReplacementAttributes, type Schema } from "../../providers/schema.js";
import type { ProviderInterface } from "../../providers/interface.js";
import type { InstanceState } from "../../state/model.js";
import { evalCheckRules } from "../eval/conditions.js";
import { configuredDependencies } from "../eval/dependencies.js";
import { compareGoStrings } from "../../lang/values/json-exact.js";
import { isForgotten } from "./moves.js";
import { resourceCheck } from "../eval/check-results.js";
import { inConfigBody } from "./provider-diags.js";
import { expand, type ExpandedInstance } from "../eval/expand.js";
import type { Action, ActionReason, Path, PlannedWith, ResourceInstanceChange } from "./model.js";
import { decodeError, refreshInstance, displayId } from "./refresh.js";
import { upgradeInstance, upgradeNeeded } from "./upgrade.js";
import type { PlanWalkContext } from "./walk-context.js";
import { resourceEach } from "../../state/model.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { EvalContext } from "../../lang/eval/context.js";
import type { Expression } from "../../lang/syntax/ast.js";

type ResourceNode = GraphNode & { kind: "resource" };

/**
 * Plans the resource in the walk's current module instance (`ctx.moduleInstance`). `orphanModule`: that
 * instance is no longer in the configuration (its call was removed or its count/for_each no longer has
 * it), so every object in it is deleted.
 */
export async function planManagedResource(ctx: PlanWalkContext, node: ResourceNode, orphanModule = false): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  const res = node.addr.resource;
  const absRes = res.absolute(ctx.moduleInstance);
  const schema = ctx.providers.resourceSchema(node.providerAddr.provider, res.mode, res.type);
  const provider = ctx.providers.instance(node.providerAddr);
  if (schema === undefined || provider === undefined) {
    return [errorDiag("Invalid resource type", `The provider ${node.providerAddr.provider.forDisplay()} does not support resource type "${res.type}".`, node.config?.typeRange)];
  }
  const stateRes = ctx.state.resource(absRes);
  const existing = (stateRes?.instances ?? []).filter((i) => i.deposed === undefined);
  const config = orphanModule ? undefined : node.config;
  const directTarget = ctx.targeting.directlyTargets(node.addr.toString());
  const included = (addr: AbsResourceInstance) => ctx.targeting.includesInstance(addr, directTarget);

  // Every object recorded in state is upgraded to the provider's schema, then refreshed (skipped with
  // -refresh=false).
  const priorByKey = new Map<string, InstanceState>();
  await Promise.all(
    existing.map(async (stored) => {
      const addr = absRes.instance(indexToKey(stored.index_key));
      const up = upgradeNeeded(provider, schema, stored) ? await ctx.semaphore.run(() => upgradeInstance(provider, node.providerAddr.provider.forDisplay(), schema, addr, stored)) : { instance: stored, diags: [] };
      if (up === undefined) return;
      diags.push(...up.diags);
      if (hasErrors(up.diags)) return;
      const inst = up.instance;
      if (inst !== stored) ctx.state.setCurrent(absRes, stateRes!.provider, indexToKey(inst.index_key), inst);
      if (!ctx.refresh || !included(addr)) {
        priorByKey.set(addr.key(), inst);
        return;
      }
      const r = await ctx.semaphore.run(async () => {
        const id = displayId(inst);
        ctx.refreshHooks?.refreshStart(addr.toString(), id);
        const out = await refreshInstance(provider, node.providerAddr, schema, addr, inst);
        ctx.refreshHooks?.refreshComplete(addr.toString(), out.instance !== null ? displayId(out.instance) : id);
        return out;
      });
      if (r === undefined) return;
      diags.push(...r.diags);
      if (r.drift) ctx.drift.push(r.drift);
      if (r.instance) priorByKey.set(addr.key(), r.instance);
      if (r.instance !== inst) ctx.state.setCurrent(absRes, stateRes!.provider, indexToKey(inst.index_key), r.instance);
    }),
  );
  if (hasErrors(diags)) return diags;
  if (ctx.mode === "refresh-only") {
    setScopeFromState(ctx, node, schema, priorByKey, (stateRes ? resourceEach(stateRes) : undefined));
    return diags;
  }

  const deleteReasons = new Map<string, ActionReason | undefined>();
  const values: [InstanceKey, Value][] = [];
  let repetition: "none" | "list" | "map" = (stateRes ? resourceEach(stateRes) : undefined) ?? "none";
  if (ctx.mode === "destroy" || config === undefined || isForgotten(ctx.forget, node.addr.toString())) {
    const reason: ActionReason | undefined = ctx.mode === "destroy" ? undefined : orphanModule ? "delete_because_no_module" : "delete_because_no_resource_config";
    for (const k of priorByKey.keys()) deleteReasons.set(k, reason);
  } else {
    const exp = expand(config.count, config.forEach, ctx.scope.context());
    diags.push(...exp.diags);
    if (exp.expansion === undefined) {
      ctx.scope.declareResource(res);
      return diags;
    }
    repetition = exp.expansion.repetition;
    const wanted = new Set<string>();
    const results = await Promise.all(
      exp.expansion.instances.map(async (ei) => {
        const addr = absRes.instance(ei.key);
        wanted.add(addr.key());
        if (!included(addr)) {
          const prior = priorByKey.get(addr.key());
          const v = prior ? instanceToValue(prior, schema.block) : undefined;
          return { key: ei.key, value: v?.ok ? v.value : DynamicVal, diags: [] as Diagnostic[] };
        }
        const r = await ctx.semaphore.run(() => planInstance(ctx, node, config, schema, provider, addr, ei, priorByKey.get(addr.key())));
        return { key: ei.key, value: r?.value ?? DynamicVal, diags: r?.diags ?? [] };
      }),
    );
    for (const r of results) {
      diags.push(...r.diags);
      values.push([r.key, r.value]);
    }
    for (const k of priorByKey.keys()) {
      if (wanted.has(k)) continue;
      const inst = priorByKey.get(k)!;
      deleteReasons.set(k, orphanReason(repetition, inst.index_key));
    }
  }
  for (const [k, reason] of deleteReasons) {
    const inst = priorByKey.get(k)!;
    const addr = absRes.instance(indexToKey(inst.index_key));
    if (!included(addr)) continue;
    const before = instanceToValue(inst, schema.block);
    if (!before.ok) {
      diags.push(decodeError(addr, before.message));
      continue;
    }
    if (isForgotten(ctx.forget, node.addr.toString()) && ctx.mode !== "destroy") {
      // Shown as Terraform's "forget": the object stays in the prior state the plan shows, and the apply
      // drops it from state without calling the provider.
      ctx.changes.set(addr.key(), { addr, providerAddr: node.providerAddr, action: "forget", actionReason: "delete_because_no_resource_config", before: before.value, after: nullObject(schema.block), requiredReplace: [] });
      continue;
    }
    if (config?.managed?.preventDestroy) {
      diags.push(preventDestroyDiag(addr, config));
      // As Terraform: a destroy plan records the refused delete (an errored plan shows it), an orphan's does not.
      if (ctx.mode !== "destroy") continue;
    }
    ctx.changes.set(addr.key(), {
      addr,
      providerAddr: node.providerAddr,
      action: "delete",
      ...(reason ? { actionReason: reason } : {}),
      before: before.value,
      after: nullObject(schema.block),
      requiredReplace: [],
      privateData: inst.private,
    });
  }
  // Planning deposes nothing: only objects state recorded as deposed are looked for.
  if (existing.length < (stateRes?.instances.length ?? 0)) diags.push(...planDeposed(ctx, node, schema, included));
  if (ctx.mode === "destroy" || config === undefined) setScopeFromState(ctx, node, schema, priorByKey, (stateRes ? resourceEach(stateRes) : undefined));
  else ctx.scope.setResource(res, repetition, values);
  return diags;
}

/**
 * Objects left deposed by a create_before_destroy replacement that failed half-way are destroyed by the next
 * plan, whatever the configuration says (Terraform's NodePlanDeposedResourceInstanceObject).
 */
function planDeposed(ctx: PlanWalkContext, node: ResourceNode, schema: Schema, included: (a: AbsResourceInstance) => boolean): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const absRes = node.addr.resource.absolute(ctx.moduleInstance);
  for (const inst of ctx.state.resource(absRes)?.instances ?? []) {
    if (inst.deposed === undefined) continue;
    const addr = absRes.instance(indexToKey(inst.index_key));
    if (!included(addr)) continue;
    const before = instanceToValue(inst, schema.block);
    if (!before.ok) {
      diags.push(decodeError(addr, before.message));
      continue;
    }
    ctx.changes.set(deposedChangeKey(addr, inst.deposed), {
      addr,
      deposedKey: inst.deposed,
      providerAddr: node.providerAddr,
      action: "delete",
      before: before.value,
      after: nullObject(schema.block),
      requiredReplace: [],
      ...(inst.private !== undefined ? { privateData: inst.private } : {}),
    });
  }
  return diags;
}

/** Where a deposed object's change is kept among the plan's changes (beside its instance's own). */
export function deposedChangeKey(addr: AbsResourceInstance, deposed: string): string {
  return `${addr.key()} deposed ${deposed}`;
}

function setScopeFromState(ctx: PlanWalkContext, node: ResourceNode, schema: Schema, prior: Map<string, InstanceState>, each: "list" | "map" | undefined): void {
  const vals: [InstanceKey, Value][] = [];
  for (const inst of prior.values()) {
    const v = instanceToValue(inst, schema.block);
    vals.push([indexToKey(inst.index_key), v.ok ? v.value : DynamicVal]);
  }
  ctx.scope.setResource(node.addr.resource, each ?? "none", vals);
}

function orphanReason(repetition: "none" | "list" | "map", key: number | string | undefined): ActionReason {
  if (repetition === "list" && typeof key === "number") return "delete_because_count_index";
  if (repetition === "map" && typeof key === "string") return "delete_because_each_key";
  return "delete_because_wrong_repetition";
}

export function preventDestroyDiag(addr: AbsResourceInstance, config: Resource): Diagnostic {
  return errorDiag(
    "Instance cannot be destroyed",
    `Resource ${addr.toString()} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target flag.`,
    config.declRange,
  );
}

/** The evaluation scope of one instance: count.index or each.key/each.value. */
export function instanceEvalContext(ctx: { scope: PlanWalkContext["scope"] }, ei: ExpandedInstance) {
  return ctx.scope.instanceContext({ count: ei.count, each: ei.each });
}

async function planInstance(
  ctx: PlanWalkContext,
  node: ResourceNode,
  config: Resource,
  schema: Schema,
  provider: ProviderInterface,
  addr: AbsResourceInstance,
  ei: ExpandedInstance,
  priorInst: InstanceState | undefined,
): Promise<{ value: Value; diags: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  const typeName = addr.resource.resource.type;
  const evalCtx = instanceEvalContext(ctx, ei);
  const at = (ds: readonly Diagnostic[]) => inConfigBody(ds, addr, config.config);
  let importing: { id: string } | undefined;

  // An import block plans to adopt an existing object instead of creating one.
  const imp = ctx.imports.get(addr.key());
  if (priorInst === undefined && imp !== undefined) {
    const ir = await provider.importResourceState({ typeName, id: imp.id });
    diags.push(...at(ir.diagnostics));
    const obj = ir.imported[0];
    if (hasErrors(ir.diagnostics) || obj === undefined) {
      if (obj === undefined && !hasErrors(ir.diagnostics)) diags.push(errorDiag("Cannot import non-existent remote object", `While attempting to import an existing object to "${addr.toString()}", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use "terraform apply" to create a new remote object for this resource.`));
      return { value: DynamicVal, diags };
    }
    const rr = await provider.readResource({ typeName, priorState: obj.state, private: obj.private });
    diags.push(...at(rr.diagnostics));
    if (hasErrors(rr.diagnostics) || rr.newState.isNull()) return { value: DynamicVal, diags };
    importing = { id: imp.id };
    priorInst = { schema_version: schema.version, attributes: {}, sensitive_attributes: [], private: rr.private };
    const priorVal = markSchemaSensitive(rr.newState, schema.block);
    // As Terraform, the imported object is part of the prior state the plan was made against.
    const attrs = valueToStateAttributes(priorVal, schema.block);
    if (!("error" in attrs)) {
      priorInst = { schema_version: schema.version, ...attrs, ...(rr.private !== undefined ? { private: rr.private } : {}) };
      ctx.state.setCurrent(addr.containingResource(), node.providerAddr.toString(), addr.resource.instanceKey, priorInst);
    }
    return planWithPrior(priorVal, priorInst, importing);
  }

  let priorVal: Value | undefined;
  if (priorInst) {
    const d = instanceToValue(priorInst, schema.block);
    if (!d.ok) return { value: DynamicVal, diags: [decodeError(addr, d.message)] };
    priorVal = d.value;
  }
  return planWithPrior(priorVal, priorInst, undefined);

  async function planWithPrior(priorVal: Value | undefined, priorInst: InstanceState | undefined, importing: { id: string } | undefined): Promise<{ value: Value; diags: Diagnostic[] }> {
    if (config.preconditions.length > 0) diags.push(...at(evalCheckRules(config.preconditions, "resource-precondition", evalCtx, addr.toString(), resourceCheck(ctx.modules.checks, addr))));
    const decoded = decodeBody(config.config, schema.block, evalCtx);
    diags.push(...decoded.diags);
    if (hasErrors(diags)) return { value: DynamicVal, diags };
    let cfg = decoded.value;
    const [plainCfgForValidate] = cfg.unmarkDeep();
    const vr = await provider.validateResourceConfig({ typeName, config: plainCfgForValidate });
    diags.push(...at(vr.diagnostics));
    if (hasErrors(vr.diagnostics)) return { value: DynamicVal, diags };

    const managed = config.managed!;
    if (priorVal !== undefined) cfg = withIgnoredChanges(cfg, priorVal, managed, schema);
    const cfgPaths = sensitivePaths(cfg);
    const [plainCfg] = cfg.unmarkDeep();
    const plainPrior = priorVal ? priorVal.unmarkDeep()[0] : nullObject(schema.block);
    const planOnce = async (prior: Value, priv: string | undefined) => {
      const proposed = proposedNewState(schema.block, prior, plainCfg);
      const resp = await provider.planResourceChange({ typeName, address: addr.toString(), priorState: prior, proposedNewState: proposed, config: plainCfg, priorPrivate: priv, sensitiveConfigPaths: cfgPaths });
      return resp;
    };
    const resp = await planOnce(plainPrior, priorInst?.private);
    diags.push(...at(resp.diagnostics));
    if (hasErrors(resp.diagnostics)) return { value: DynamicVal, diags };
    let plannedWith: PlannedWith = { config: cfg, prior: plainPrior, priorPrivate: priorInst?.private, response: resp };
    // Marks: the configuration's by path, the provider's derived ones (sensitivePaths), the schema's.
    let planned = remark(resp.plannedState, schema.block, cfgPaths, resp.sensitivePaths);
    let plannedPrivate = resp.plannedPrivate;

    let action: Action;
    let reason: ActionReason | undefined;
    let requiredReplace: Path[] = [];
    if (priorVal === undefined || priorVal.isNull()) action = "create";
    else {
      const [plainPlanned] = planned.unmarkDeep();
      const differs = !rawEquals(plainPlanned, plainPrior);
      requiredReplace = differs ? replacePaths(schema, plainPrior, plainPlanned, resp.requiresReplace) : [];
      if (priorInst?.status === "tainted") {
        action = "delete-then-create";
        reason = "replace_because_tainted";
      } else if (ctx.forceReplace.has(addr.toString())) {
        action = "delete-then-create";
        reason = "replace_by_request";
      } else if (replaceTriggered(ctx, config, evalCtx)) {
        action = "delete-then-create";
        reason = "replace_by_triggers";
      } else if (requiredReplace.length > 0) {
        action = "delete-then-create";
        reason = "replace_because_cannot_update";
      } else if (differs) action = "update";
      else {
        // Writing or removing sensitive paths in state is an update even when no value changes (Terraform
        // does the same): an object recorded before its marks were known gets them recorded.
        action = sameSensitivePaths(planned, priorVal) ? "no-op" : "update";
      }
      if (action === "delete-then-create") {
        if (managed.createBeforeDestroy) action = "create-then-delete";
        if (managed.preventDestroy) {
          diags.push(preventDestroyDiag(addr, config));
          return { value: DynamicVal, diags };
        }
        // A replacement is planned as a create: computed attributes become unknown again.
        const again = await planOnce(nullObject(schema.block), undefined);
        diags.push(...at(again.diagnostics));
        if (hasErrors(again.diagnostics)) return { value: DynamicVal, diags };
        planned = remark(again.plannedState, schema.block, cfgPaths, again.sensitivePaths);
        plannedPrivate = again.plannedPrivate;
        plannedWith = { config: cfg, prior: nullObject(schema.block), priorPrivate: undefined, response: again };
      }
    }
    if (importing !== undefined && action === "create") action = "no-op";
    // A no-op keeps the prior object itself as its planned value when the two are the same in every respect
    // (marks included), and no provider answer: the apply never asks again for a no-op. What the plan of a
    // large unchanged configuration keeps alive is then what state already held (less for the collector).
    let keepsPrior = false;
    if (action === "no-op" && priorVal !== undefined && rawEquals(planned, priorVal)) {
      planned = priorVal;
      keepsPrior = true;
    }
    // Optional fields assigned only when present, not spread: this runs once per instance, mostly before V8
    // has optimised it, where each spread is an object made and copied.
    const change: { -readonly [K in keyof ResourceInstanceChange]: ResourceInstanceChange[K] } = {
      addr,
      providerAddr: node.providerAddr,
      action,
      before: priorVal ?? nullObject(schema.block),
      after: planned,
      requiredReplace,
    };
    if (!keepsPrior) change.plannedWith = plannedWith;
    const prevRunAddr = ctx.movedFrom.get(addr.key());
    if (prevRunAddr !== undefined) change.prevRunAddr = prevRunAddr;
    if (reason) change.actionReason = reason;
    if (importing) change.importing = importing;
    const privateData = plannedPrivate ?? priorInst?.private;
    if (privateData !== undefined) change.privateData = privateData;
    ctx.changes.set(addr.key(), change);
    if (action === "no-op" && importing === undefined) rewriteDependencies(ctx, node, addr);
    if (config.postconditions.length > 0) {
      const selfCtx = ctx.scope.instanceContext({ count: ei.count, each: ei.each, self: planned });
      diags.push(...at(evalCheckRules(config.postconditions, "resource-postcondition", selfCtx, addr.toString(), resourceCheck(ctx.modules.checks, addr))));
    }
    return { value: planned, diags };
  }
}

/**
 * As Terraform, an object the plan leaves unchanged gets the configuration's dependencies in the prior state
 * now (the apply will not touch it to record them).
 */
function rewriteDependencies(ctx: PlanWalkContext, node: ResourceNode, addr: AbsResourceInstance): void {
  const cur = ctx.state.current(addr.containingResource(), addr.resource.instanceKey);
  if (cur === undefined) return;
  const deps = configuredDependencies(ctx.graph, node.addr.toString());
  if (deps.length === 0 && (cur.dependencies === undefined || cur.dependencies.length === 0)) return;
  const had = [...(cur.dependencies ?? [])].sort(compareGoStrings);
  if (had.length === deps.length && had.every((d, i) => d === deps[i])) return;
  const stateRes = ctx.state.resource(addr.containingResource());
  if (stateRes === undefined) return;
  const { dependencies: _old, ...rest } = cur;
  ctx.state.setCurrent(addr.containingResource(), stateRes.provider, addr.resource.instanceKey, deps.length > 0 ? { ...rest, dependencies: deps } : rest);
}

function sameSensitivePaths(a: Value, b: Value): boolean {
  if (!a.containsMarked() && !b.containsMarked()) return true;
  const keys = (v: Value) => new Set(sensitivePaths(v).map((p) => JSON.stringify(pathToStateJson(p))));
  const ka = keys(a);
  const kb = keys(b);
  return ka.size === kb.size && [...ka].every((k) => kb.has(k));
}

/**
 * The configuration with lifecycle.ignore_changes applied against the prior object: the plan and the apply
 * both use it, so an apply does exactly what its plan said.
 */
export function withIgnoredChanges(cfg: Value, prior: Value, managed: { readonly ignoreAllChanges: boolean; readonly ignoreChanges: readonly (readonly { kind: string; name?: string; key?: Value }[])[] }, schema: Schema): Value {
  return applyIgnoreChanges(cfg, prior, managed.ignoreAllChanges, managed.ignoreChanges.map(ignorePath), schema);
}

/** `ignore_changes` entries as attribute paths (the first steps that name attributes or keys). */
function ignorePath(t: readonly { kind: string; name?: string; key?: Value }[]): PathStep[] {
  const out: PathStep[] = [];
  for (const step of t) {
    if ((step.kind === "root" || step.kind === "attr") && step.name !== undefined) out.push({ kind: "attr", name: step.name });
    else if (step.kind === "index" && step.key !== undefined) out.push({ kind: "index", key: step.key });
    else break;
  }
  return out;
}

/** The configuration with ignored attributes taken from the prior object instead (lifecycle.ignore_changes). */
function applyIgnoreChanges(cfg: Value, prior: Value, all: boolean, paths: readonly PathStep[][], schema: Schema): Value {
  if (!all && paths.length === 0) return cfg;
  if (!cfg.isKnown() || cfg.isNull() || !prior.isKnown() || prior.isNull()) return cfg;
  const entries = new Map(cfg.asEntries());
  const priorEntries = prior.asEntries();
  if (all) {
    for (const [name, a] of Object.entries(schema.block.attributes ?? {})) {
      if (a.required === true || a.optional === true) entries.set(name, priorEntries.get(name) ?? entries.get(name)!);
    }
    for (const name of Object.keys(schema.block.blocks ?? {})) entries.set(name, priorEntries.get(name) ?? entries.get(name)!);
    return objectVal(entries);
  }
  for (const p of paths) {
    const first = p[0];
    if (first?.kind !== "attr" || !entries.has(first.name)) continue;
    if (p.length === 1) {
      entries.set(first.name, priorEntries.get(first.name) ?? entries.get(first.name)!);
      continue;
    }
    const second = p[1]!;
    const cur = entries.get(first.name)!;
    const pri = priorEntries.get(first.name);
    if (second.kind === "index" && cur.isKnown() && !cur.isNull() && cur.raw instanceof Map && pri && pri.isKnown() && !pri.isNull() && pri.raw instanceof Map) {
      const key = second.key.isKnown() && second.key.type.kind === "string" ? second.key.asString() : undefined;
      if (key === undefined) continue;
      const m = new Map(cur.asEntries());
      const pv = pri.asEntries().get(key);
      if (pv === undefined) m.delete(key);
      else m.set(key, pv);
      entries.set(first.name, new (cur.constructor as typeof Value)(cur.type.kind === "object" ? { kind: "object", attrs: new Map([...m].map(([k, v]) => [k, v.type])) } : cur.type, m, cur.marks));
    }
  }
  return objectVal(entries);
}

/** Attribute paths that force replacement: the provider's, plus schema attributes marked forcesReplacement that changed. */
function replacePaths(schema: Schema, prior: Value, planned: Value, fromProvider: readonly (readonly PathStep[])[]): Path[] {
  const out: Path[] = [...fromProvider];
  const seen = new Set(out.map((p) => JSON.stringify(p.map((s) => (s.kind === "attr" ? s.name : "")))));
  for (const name of forcesReplacementAttributes(schema.block)) {
    const a = prior.isKnown() && !prior.isNull() ? prior.asEntries().get(name) : undefined;
    const b = planned.isKnown() && !planned.isNull() ? planned.asEntries().get(name) : undefined;
    if (a === undefined || b === undefined || rawEquals(a, b)) continue;
    const key = JSON.stringify([name]);
    if (!seen.has(key)) out.push([{ kind: "attr", name }]);
  }
  return out;
}

/**
 * The instance key an index computed per instance selects (`x[count.index]`, `x[each.key].attr`): such an
 * index is no static traversal step, so it is evaluated in the instance's own context, as Terraform does.
 */
function computedIndexKey(expr: Expression, evalCtx: EvalContext): string | undefined {
  const e = expr.kind === "RelativeTraversal" ? expr.source : expr;
  if (e.kind !== "Index") return undefined;
  const [k] = evaluate(e.key, evalCtx).value.unmarkDeep();
  if (!k.isKnown() || k.isNull()) return undefined;
  if (k.type.kind === "string") return `["${k.asString()}"]`;
  if (k.type.kind === "number") return `[${k.asNumber().toString()}]`;
  return undefined;
}

/** lifecycle.replace_triggered_by: any referenced resource instance that will be updated or replaced. */
function replaceTriggered(ctx: PlanWalkContext, config: Resource, evalCtx: EvalContext): boolean {
  const mi = ctx.moduleInstance;
  for (const expr of config.managed?.replaceTriggeredBy ?? []) {
    const computedKey = computedIndexKey(expr, evalCtx);
    for (const t of expressionReferences(expr)) {
      // The referenced resource in this same module instance.
      const local = referencedNodeId(t);
      if (local === undefined) continue;
      const id = mi.isRoot() ? local : `${mi.toString()}.${local}`;
      // An index in the reference (`x[0]`, or `x[count.index]` evaluated above) narrows it to one instance.
      let wantKey: string | undefined = computedKey;
      const idx = t.find((s, i) => i > 0 && s.kind === "index");
      if (idx !== undefined && idx.kind === "index" && idx.key.isKnown() && !idx.key.isNull()) {
        wantKey = idx.key.type.kind === "string" ? `["${idx.key.asString()}"]` : `[${idx.key.asNumber().toString()}]`;
      }
      const attrStep = t.slice(1).find((s, i) => i >= 1 && s.kind === "attr" && (s as { name: string }).name !== undefined);
      for (const c of ctx.changes.values()) {
        if (c.addr.containingResource().toString() !== id) continue;
        if (wantKey !== undefined && !c.addr.toString().endsWith(wantKey)) continue;
        if (c.action === "no-op" || c.action === "create" || c.action === "read") continue;
        if (attrStep !== undefined && c.action === "update") {
          const name = (attrStep as { name: string }).name;
          const b = c.before.isKnown() && !c.before.isNull() ? c.before.unmarkDeep()[0].asEntries().get(name) : undefined;
          const a = c.after.isKnown() && !c.after.isNull() ? c.after.unmarkDeep()[0].asEntries().get(name) : undefined;
          if (a !== undefined && b !== undefined && rawEquals(a, b)) continue;
        }
        return true;
      }
    }
  }
  return false;
}

export { stringVal };
