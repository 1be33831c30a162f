// A resource in the apply walk (OpenTofu's NodeApplyableResourceInstance, per resource here): each instance's
// planned change carried out through the provider and recorded in the state sink, then the resource's
// values set in scope for what depends on it. Destroy, refresh-only and data reads are handled here too.

import { errorDiag, hasErrors } from "../../lang/diagnostics.js";
import type { InstanceKey } from "../../addrs/instance-key.js";
import { DynamicVal, type Value } from "../../lang/values/value.js";
import type { GraphNode } from "../eval/nodes.js";
import { decodeBody } from "../eval/decode-body.js";
import { instanceRefOf, resourceIdOf } from "../eval/state-index.js";
import type { ResourceState } from "../../state/model.js";
import { instanceToValue, valueToStateAttributes } from "../eval/state-values.js";
import { markPaths, markSchemaSensitive, sensitivePaths } from "../eval/marks.js";
import { expand } from "../eval/expand.js";
import { evalCheckRules } from "../eval/conditions.js";
import { resourceCheck } from "../eval/check-results.js";
import type { ApplyWalkContext } from "./apply-context.js";
import { createOrUpdateInstance, deposeCurrent, refreshDependencies, idForDisplay, type InstanceTarget } from "./instance.js";
import { resourceEach } from "../../state/model.js";
import { withIgnoredChanges } from "../plan/managed.js";

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

/** A resource node in the apply walk: its instances' planned changes carried out, then its values in scope. */
export async function applyResource(ctx: ApplyWalkContext, node: GraphNode & { kind: "resource" }): Promise<void> {
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
          const v = await createOrUpdateInstance(ctx, t, decoded.value, true, change.plannedWith);
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
        if (change.importing) return createOrUpdateInstance(ctx, t, ignoring(decoded.value, change.before), false, change.plannedWith, change.before);
        return createOrUpdateInstance(ctx, t, creating ? decoded.value : ignoring(decoded.value, priorValue()), creating, change.plannedWith);
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
