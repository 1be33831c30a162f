// Planning a data source (OpenTofu's NodePlannableResourceInstance for data mode): read it during plan when
// its configuration is wholly known and nothing it depends on has pending changes; otherwise plan a `read`
// at apply time (`<=`) with the reason. Results read during plan go into the prior state, as Terraform's do.

import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { DynamicVal, type Value } from "../../lang/values/value.js";
import type { InstanceKey } from "../../addrs/instance-key.js";
import type { GraphNode } from "../eval/nodes.js";
import { decodeBody } from "../eval/decode-body.js";
import { markPaths, markSchemaSensitive, sensitivePaths } from "../eval/marks.js";
import { nullObject, valueToStateAttributes } from "../eval/state-values.js";
import { proposedNewState } from "../../providers/objchange/proposed-new.js";
import { evalCheckRules } from "../eval/conditions.js";
import { resourceCheck } from "../eval/check-results.js";
import { inConfigBody } from "./provider-diags.js";
import { expand } from "../eval/expand.js";
import type { ActionReason } from "./model.js";
import type { PlanWalkContext } from "./walk-context.js";
import { displayId } from "./refresh.js";
import type { InstanceState } from "../../state/model.js";
import { withTransitiveDependencies } from "../graph/reach.js";

type ResourceNode = GraphNode & { kind: "resource" };

/** Plans the data source in `ctx.moduleInstance`; in an orphaned module instance it just leaves the state. */
export async function planDataResource(ctx: PlanWalkContext, node: ResourceNode, id: string, orphanModule = false): Promise<Diagnostic[]> {
  const res = node.addr.resource;
  const config = orphanModule ? undefined : node.config;
  const absRes = res.absolute(ctx.moduleInstance);
  if (config === undefined || ctx.mode === "destroy") {
    // A data source no longer configured simply leaves the state; nothing to destroy.
    if (config === undefined) ctx.state.removeResource(absRes.toString());
    return [];
  }
  const schema = ctx.providers.resourceSchema(node.providerAddr.provider, "data", res.type);
  const provider = ctx.providers.instance(node.providerAddr);
  if (schema === undefined || provider === undefined) {
    return [errorDiag("Invalid data source", `The provider ${node.providerAddr.provider.forDisplay()} does not support data source "${res.type}".`, config.typeRange)];
  }
  const diags: Diagnostic[] = [];
  const exp = expand(config.count, config.forEach, ctx.scope.context());
  diags.push(...exp.diags);
  if (exp.expansion === undefined) return diags;
  const pending = dependencyPending(ctx, id);
  const values: [InstanceKey, Value][] = [];
  await Promise.all(
    exp.expansion.instances.map(async (ei) => {
      const addr = absRes.instance(ei.key);
      const evalCtx = ctx.scope.instanceContext({ count: ei.count, each: ei.each });
      const at = (ds: readonly Diagnostic[]) => inConfigBody(ds, addr, config.config);
      diags.push(...at(evalCheckRules(config.preconditions, "resource-precondition", evalCtx, addr.toString(), resourceCheck(ctx.modules.checks, addr))));
      const decoded = decodeBody(config.config, schema.block, evalCtx);
      diags.push(...decoded.diags);
      if (hasErrors(decoded.diags)) return;
      const paths = sensitivePaths(decoded.value);
      const [plain] = decoded.value.unmarkDeep();
      const v = await provider.validateDataResourceConfig({ typeName: res.type, config: plain });
      diags.push(...at(v.diagnostics));
      if (hasErrors(v.diagnostics)) return;
      const reason: ActionReason | undefined = !plain.isWhollyKnown() ? "read_because_config_unknown" : pending ? "read_because_dependency_pending" : undefined;
      if (reason !== undefined) {
        const after = markSchemaSensitive(markPaths(proposedNewState(schema.block, nullObject(schema.block), plain), paths), schema.block);
        ctx.changes.set(addr.key(), { addr, providerAddr: node.providerAddr, action: "read", actionReason: reason, before: nullObject(schema.block), after, requiredReplace: [] });
        values.push([ei.key, after]);
        return;
      }
      const r = await ctx.semaphore.run(() => {
        ctx.readHooks?.preApply(addr.toString(), "read");
        return provider.readDataSource({ typeName: res.type, config: plain });
      });
      if (r === undefined) return;
      diags.push(...at(r.diagnostics));
      if (hasErrors(r.diagnostics)) {
        ctx.readHooks?.postApply(addr.toString(), "read", undefined, true);
        return;
      }
      const value = markSchemaSensitive(markPaths(r.state, paths), schema.block);
      const attrs = valueToStateAttributes(value, schema.block);
      ctx.readHooks?.postApply(addr.toString(), "read", "error" in attrs ? undefined : shownId(value, attrs), false);
      if (!("error" in attrs)) {
        ctx.state.setCurrent(absRes, node.providerAddr.toString(), ei.key, { schema_version: schema.version, ...attrs });
      }
      values.push([ei.key, value]);
      const selfCtx = ctx.scope.instanceContext({ count: ei.count, each: ei.each, self: value });
      diags.push(...at(evalCheckRules(config.postconditions, "resource-postcondition", selfCtx, addr.toString(), resourceCheck(ctx.modules.checks, addr))));
    }),
  );
  // Instances of the data source no longer expanded leave the state.
  const stateRes = ctx.state.resource(absRes);
  const keep = new Set(values.map(([k]) => JSON.stringify(k)));
  for (const inst of stateRes?.instances ?? []) {
    const k = inst.index_key === undefined ? { kind: "none" } : typeof inst.index_key === "number" ? { kind: "int", value: inst.index_key } : { kind: "string", value: inst.index_key };
    if (!keep.has(JSON.stringify(k))) ctx.state.setCurrent(absRes, stateRes!.provider, k as InstanceKey, null);
  }
  ctx.scope.setResource(res, exp.expansion.repetition, values.length > 0 || exp.expansion.instances.length === 0 ? values : [[exp.expansion.instances[0]!.key, DynamicVal]]);
  return diags;
}

/** True when a managed resource this data source depends on (directly or through locals) has changes. */
function dependencyPending(ctx: PlanWalkContext, id: string): boolean {
  const deps = withTransitiveDependencies(ctx.graph, [id]);
  deps.delete(id);
  if (deps.size === 0) return false;
  for (const c of ctx.changes.values()) {
    if (c.action === "no-op") continue;
    const rid = c.addr.containingResource().config().toString();
    if (deps.has(rid) && c.addr.resource.resource.mode === "managed") return true;
  }
  return false;
}

/** The read object's id for the "Read complete" line; none when it is sensitive (never printed). */
function shownId(value: Value, attrs: Pick<InstanceState, "attributes">): string | undefined {
  const id = value.isKnown() && !value.isNull() ? value.asEntries().get("id") : undefined;
  return id === undefined || id.containsMarked() ? undefined : displayId(attrs);
}
