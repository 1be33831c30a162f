// The apply walk (OpenTofu's context_apply.go): visit the apply graph in dependency order with bounded
// parallelism; each resource node carries out its instances' planned changes, each destroy node its deletes.
// A failed node marks its dependents "upstream failed" (planner/graph walk); independent branches go on.

import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { InstanceKey } from "../../addrs/instance-key.js";
import { DynamicVal, type Value } from "../../lang/values/value.js";
import { walk, type WalkSummary } from "../graph/walk.js";
import type { Graph } from "../graph/graph.js";
import type { GraphNode } from "../core/nodes.js";
import { decodeBody } from "../core/decode-body.js";
import { instanceRefOf, resourceIdOf } from "../core/state-index.js";
import type { ResourceState } from "../../state/model.js";
import type { ResourceInstanceChange } from "../plan/model.js";
import { instanceToValue, valueToStateAttributes } from "../core/state-values.js";
import { markPaths, markSchemaSensitive, sensitivePaths } from "../core/marks.js";
import { expand } from "../plan/expand.js";
import { evalCheckRules } from "../plan/conditions.js";
import { namedCheck, resourceCheck } from "../core/check-results.js";
import { evaluateOutput, outputForState } from "../plan/outputs.js";
import { configureProvider } from "../plan/walk.js";
import { parseAbsProviderConfigStr } from "../../addrs/parse-provider.js";
import type { ApplyNode } from "./apply-graph.js";
import { isChildNode, nodeInstances, nodeScopeIn, visitChildOutput, visitChildVariable, visitModuleExpansion } from "../core/module-scopes.js";
import type { ModuleInstance } from "../../addrs/module.js";
import type { ApplyWalkContext } from "./apply-context.js";
import { createOrUpdateInstance, deposeCurrent, destroyInstance, refreshDependencies, idForDisplay, type InstanceTarget } from "./instance.js";
import { pushTo } from "../core/multimap.js";
import { resourceEach } from "../../state/model.js";
import { withIgnoredChanges } from "../plan/managed.js";

/**
 * -parallelism bounds provider operations (the semaphore), not graph nodes: an operation waiting for the
 * journal's group commit holds no slot, so more nodes than that are in flight and one fsync covers many of
 * them, as Terraform's walker also starts every ready node and bounds only provider calls. The node bound
 * only caps memory.
 */
export const nodesPerSlot = 32;

export function runApplyWalk(graph: Graph<ApplyNode>, ctx: ApplyWalkContext, parallelism: number, signal?: AbortSignal): Promise<WalkSummary> {
  return walk(graph, async (node) => ({ diags: await visit({ ...ctx, failures: [] }, node) }), { parallelism: parallelism * nodesPerSlot, signal });
}

async function visit(whole: ApplyWalkContext, node: ApplyNode): Promise<Diagnostic[]> {
  if (node.kind === "destroy") {
    await destroyResource(whole, node.resourceId);
    return whole.failures;
  }
  if (node.kind === "module") return visitModuleExpansion(whole.modules, node, whole.providers);
  // Objects in module instances no longer configured are deleted by the destroy nodes; nodes run in live ones.
  const results = await Promise.all(nodeInstances(whole.modules, node).map((mi) => visitIn(whole, node, mi)));
  return results.flat();
}

async function visitIn(whole: ApplyWalkContext, node: GraphNode, mi: ModuleInstance): Promise<Diagnostic[]> {
  // Each instance reports its own failures (instances of one node run concurrently).
  const ctx: ApplyWalkContext = { ...whole, failures: [], moduleInstance: mi, scope: nodeScopeIn(whole.modules, node, mi, whole.providers) };
  if (isChildNode(node)) {
    if (node.kind === "variable") return visitChildVariable(node, ctx.modules, mi, ctx.scope);
    return visitChildOutput(node, ctx.modules, mi, ctx.scope, ctx.plan.mode === "normal");
  }
  switch (node.kind) {
    case "variable":
      if (node.config.validations.length > 0 && ctx.plan.mode !== "destroy") namedCheck(ctx.modules.checks, "var", mi, `var.${node.name}`)({ status: "pass", messages: [] });
      return [];
    case "module":
      return [];
    case "local": {
      const ev = evaluate(node.config.expr, ctx.scope.context());
      ctx.scope.setLocal(node.name, ev.value);
      return ev.diags;
    }
    case "provider":
      return configureProvider(ctx, node);
    case "resource":
      await applyResource(ctx, node);
      return ctx.failures;
    case "output": {
      if (ctx.plan.mode === "destroy") {
        ctx.sink.recordOutput({ name: node.name, output: null });
        return [];
      }
      const ev = evaluateOutput(node.config, ctx.scope.context(), true, namedCheck(ctx.modules.checks, "output", mi, `output.${node.name}`));
      if (hasErrors(ev.diags)) return ev.diags;
      const out = outputForState(ev.value, node.config.sensitive);
      ctx.sink.recordOutput({ name: node.name, output: out ?? null });
      return ev.diags;
    }
    case "check": {
      if (ctx.plan.mode === "destroy") return [];
      return evalCheckRules(node.config.asserts, "check-assertion", ctx.scope.context(), `check.${node.name}`, namedCheck(ctx.modules.checks, "check", mi, `check.${node.name}`));
    }
  }
}

function target(ctx: ApplyWalkContext, node: GraphNode & { kind: "resource" }, key: InstanceKey, each: "list" | "map" | undefined): InstanceTarget | undefined {
  const res = node.addr.resource;
  const schema = ctx.providers.resourceSchema(node.providerAddr.provider, res.mode, res.type);
  const provider = ctx.providers.instance(node.providerAddr);
  if (!schema || !provider) return undefined;
  return {
    addr: res.absolute(ctx.moduleInstance).instance(key),
    provider,
    providerAddr: node.providerAddr.toString(),
    schema,
    each,
    createBeforeDestroy: node.config?.managed?.createBeforeDestroy === true,
    ...(node.config !== undefined ? { body: node.config.config } : {}),
  };
}

async function applyResource(ctx: ApplyWalkContext, node: GraphNode & { kind: "resource" }): Promise<void> {
  const config = node.config;
  const res = node.addr.resource;
  if (config === undefined) return;
  if (ctx.plan.mode === "destroy" || ctx.plan.mode === "refresh-only") {
    setScopeFromState(ctx, node);
    return;
  }
  const exp = expand(config.count, config.forEach, ctx.scope.context());
  if (exp.expansion === undefined) {
    ctx.failures.push(...exp.diags);
    return;
  }
  const each = exp.expansion.repetition === "none" ? undefined : exp.expansion.repetition;
  const values: [InstanceKey, Value][] = [];
  await Promise.all(
    exp.expansion.instances.map(async (ei) => {
      const t = target(ctx, node, ei.key, each);
      if (t === undefined) {
        ctx.failures.push(errorDiag("Invalid resource type", `The provider does not support ${res.toString()}.`, config.typeRange));
        return;
      }
      const change = ctx.changes.get(t.addr.key());
      const existing = ctx.sink.instance(instanceRefOf(t.addr));
      const priorValue = (): Value => {
        if (!existing) return DynamicVal;
        const d = instanceToValue(existing, t.schema.block);
        return d.ok ? d.value : DynamicVal;
      };
      const evalCtx = ctx.scope.instanceContext({ count: ei.count, each: ei.each });
      if (res.mode === "data") {
        values.push([ei.key, change?.action === "read" ? ((await ctx.semaphore.run(() => readData(ctx, t, config.config, evalCtx))) ?? DynamicVal) : priorValue()]);
        return;
      }
      if (change === undefined || change.action === "no-op" || change.action === "delete") {
        if (change?.importing && change.action === "no-op") {
          const attrs = valueToStateAttributes(change.before, t.schema.block);
          if (!("error" in attrs)) {
            ctx.sink.recordResult({ ref: instanceRefOf(t.addr), provider: t.providerAddr, each, instance: { schema_version: t.schema.version, ...attrs, ...(change.privateData ? { private: change.privateData } : {}) } });
            ctx.failures.push(...(await ctx.sink.flush()));
            ctx.counts.imported++;
          }
          values.push([ei.key, change.before]);
          return;
        }
        if (change?.action === "no-op" && existing !== undefined) await refreshDependencies(ctx, t, existing);
        // As Terraform, an unchanged object's conditions are checked again (their results go to state).
        if (change?.action === "no-op") {
          const report = resourceCheck(ctx.modules.checks, t.addr);
          ctx.failures.push(...evalCheckRules(config.preconditions, "resource-precondition", evalCtx, t.addr.toString(), report));
          const selfCtx = ctx.scope.instanceContext({ count: ei.count, each: ei.each, self: priorValue() });
          ctx.failures.push(...evalCheckRules(config.postconditions, "resource-postcondition", selfCtx, t.addr.toString(), report));
        }
        values.push([ei.key, priorValue()]);
        return;
      }
      const ignoring = (cfg: Value, prior: Value): Value => (config.managed !== undefined && prior.isKnown() ? withIgnoredChanges(cfg, prior, config.managed, t.schema) : cfg);
      const result = await (async () => {
        if (ctx.signal?.aborted) return undefined;
        const pre = evalCheckRules(config.preconditions, "resource-precondition", evalCtx, t.addr.toString(), resourceCheck(ctx.modules.checks, t.addr));
        if (hasErrors(pre)) {
          ctx.failures.push(...pre);
          return undefined;
        }
        const decoded = decodeBody(config.config, t.schema.block, evalCtx);
        if (hasErrors(decoded.diags)) {
          ctx.failures.push(...decoded.diags);
          return undefined;
        }
        if (change.action === "create-then-delete") {
          const key = await deposeCurrent(ctx, t);
          const v = await createOrUpdateInstance(ctx, t, decoded.value, true);
          if (v === undefined && key !== undefined && !ctx.sink.instance(instanceRefOf(t.addr))) {
            // The replacement failed: the old object becomes current again.
            const old = ctx.sink.instance(instanceRefOf(t.addr, key));
            if (old) {
              ctx.sink.recordResult({ ref: instanceRefOf(t.addr, key), provider: t.providerAddr, instance: null });
              ctx.sink.recordResult({ ref: instanceRefOf(t.addr), provider: t.providerAddr, each, instance: old });
              ctx.deposed.delete(t.addr.key());
              await ctx.sink.flush();
            }
          }
          return v;
        }
        const creating = change.action === "create" || change.action === "delete-then-create";
        if (change.importing) return createOrUpdateInstance(ctx, t, ignoring(decoded.value, change.before), false, change.before);
        return createOrUpdateInstance(ctx, t, creating ? decoded.value : ignoring(decoded.value, priorValue()), creating);
      })();
      if (result !== undefined) {
        const selfCtx = ctx.scope.instanceContext({ count: ei.count, each: ei.each, self: result });
        const post = evalCheckRules(config.postconditions, "resource-postcondition", selfCtx, t.addr.toString(), resourceCheck(ctx.modules.checks, t.addr));
        ctx.failures.push(...post);
        // As Terraform 1.x, a failed postcondition is an error but the object stays as created (not tainted).
      }
      values.push([ei.key, result ?? DynamicVal]);
    }),
  );
  ctx.scope.setResource(res, exp.expansion.repetition, values);
}

async function readData(ctx: ApplyWalkContext, t: InstanceTarget, body: Parameters<typeof decodeBody>[0], evalCtx: ReturnType<ApplyWalkContext["scope"]["context"]>): Promise<Value | undefined> {
  const decoded = decodeBody(body, t.schema.block, evalCtx);
  if (hasErrors(decoded.diags)) {
    ctx.failures.push(...decoded.diags);
    return undefined;
  }
  const paths = sensitivePaths(decoded.value);
  const [plain] = decoded.value.unmarkDeep();
  ctx.hooks.preApply(t.addr.toString(), "read");
  const r = await t.provider.readDataSource({ typeName: t.addr.resource.resource.type, config: plain });
  const failed = hasErrors(r.diagnostics);
  if (failed) ctx.failures.push(...r.diagnostics.map((d) => ({ ...d, address: d.address ?? t.addr.toString() })));
  let value: Value | undefined;
  if (!failed) {
    value = markSchemaSensitive(markPaths(r.state, paths), t.schema.block);
    const attrs = valueToStateAttributes(value, t.schema.block);
    if (!("error" in attrs)) {
      ctx.sink.recordResult({ ref: instanceRefOf(t.addr), provider: t.providerAddr, each: t.each, instance: { schema_version: t.schema.version, ...attrs } });
      ctx.failures.push(...(await ctx.sink.flush()));
    }
  }
  ctx.hooks.postApply(t.addr.toString(), "read", idForDisplay(value), failed);
  return value;
}

function setScopeFromState(ctx: ApplyWalkContext, node: GraphNode & { kind: "resource" }): void {
  const res = node.addr.resource;
  const schema = ctx.providers.resourceSchema(node.providerAddr.provider, res.mode, res.type);
  const r = priorResource(ctx.plan, res.absolute(ctx.moduleInstance).toString());
  if (!schema || !r) return;
  const vals: [InstanceKey, Value][] = [];
  for (const i of r.instances) {
    if (i.deposed) continue;
    const v = instanceToValue(i, schema.block);
    const key: InstanceKey = i.index_key === undefined ? { kind: "none" } : typeof i.index_key === "number" ? { kind: "int", value: i.index_key } : { kind: "string", value: i.index_key };
    vals.push([key, v.ok ? v.value : DynamicVal]);
  }
  ctx.scope.setResource(res, resourceEach(r) ?? "none", vals);
}

/** The plan's changes by static resource id (all module instances), built once per plan: a scan per destroy node would be O(n²). */
const changesByResource = new WeakMap<object, Map<string, ResourceInstanceChange[]>>();
function changesOf(plan: ApplyWalkContext["plan"], resourceId: string): readonly ResourceInstanceChange[] {
  let m = changesByResource.get(plan);
  if (m === undefined) {
    m = new Map();
    for (const c of plan.resourceChanges) {
      pushTo(m, c.addr.containingResource().config().toString(), c);
    }
    changesByResource.set(plan, m);
  }
  return m.get(resourceId) ?? [];
}

/** The prior state's resources by resource id (with module instance keys), built once per plan. */
const priorByResource = new WeakMap<object, Map<string, ResourceState>>();
function priorResource(plan: ApplyWalkContext["plan"], resourceId: string): ResourceState | undefined {
  let m = priorByResource.get(plan);
  if (m === undefined) {
    m = new Map();
    for (const r of plan.priorState.resources) m.set(resourceIdOf(r), r);
    priorByResource.set(plan, m);
  }
  return m.get(resourceId);
}

async function destroyResource(ctx: ApplyWalkContext, resourceId: string): Promise<void> {
  const jobs: Promise<unknown>[] = [];
  for (const c of changesOf(ctx.plan, resourceId)) {
    if (c.action !== "delete" && c.action !== "delete-then-create" && c.action !== "create-then-delete") continue;
    const res = c.addr.resource.resource;
    const schema = ctx.providers.resourceSchema(c.providerAddr.provider, res.mode, res.type);
    const provider = ctx.providers.instance(c.providerAddr);
    if (!schema || !provider) continue;
    const t: InstanceTarget = { addr: c.addr, provider, providerAddr: c.providerAddr.toString(), schema, createBeforeDestroy: false };
    // A deposed object planned for deletion names its key; a create_before_destroy replacement's old object
    // got its key when this apply deposed it.
    const deposed = c.deposedKey ?? (c.action === "create-then-delete" ? ctx.deposed.get(c.addr.key()) : undefined);
    if (c.action === "create-then-delete" && deposed === undefined) continue;
    jobs.push(destroyInstance(ctx, t, deposed));
  }
  await Promise.all(jobs);
}

export { parseAbsProviderConfigStr };
