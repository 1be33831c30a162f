// The validate walk (Terraform's walkValidate): every node of the configuration graph evaluated once per
// module instance with the root module's input variables unknown, so that what can be known without values
// is checked: function calls and operators, count and for_each, resource bodies against their schemas,
// references to resource instances and attributes (Terraform's staticValidateReferences), self-referencing
// locals, sensitive values in root outputs, and the references of conditions and lifecycle arguments.
// Nothing is planned and no provider is called: resources stay unknown.

import { intKey, stringKey } from "../../addrs/instance-key.js";
import type { ModuleInstance } from "../../addrs/module.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { expressionReferences } from "../../lang/eval/references.js";
import { traverseRel } from "../../lang/eval/traverse.js";
import type { Expression, Traversal } from "../../lang/syntax/ast.js";
import { convert } from "../../lang/values/convert.js";
import { NumberType, StringType, type Type } from "../../lang/values/types.js";
import { DynamicVal, unknownVal } from "../../lang/values/value.js";
import type { ConfigModule, Resource } from "../../config/model.js";
import { impliedType } from "../../providers/schema.js";
import type { Graph } from "../graph/graph.js";
import { walk } from "../graph/walk.js";
import { expand, type Expansion } from "../eval/expand.js";
import { evaluateOutput } from "../eval/outputs.js";
import { decodeBody } from "../eval/decode-body.js";
import { cachedNodeExpressions } from "../eval/node-refs.js";
import { selfReferenceDiags } from "../eval/self-reference.js";
import type { ModuleInstances } from "../eval/module-instances.js";
import { isChildNode, nodeInstances, nodeScopeIn, visitChildOutput, visitChildVariable, visitModuleExpansion } from "../eval/module-scopes.js";
import { nodeModule, type GraphNode } from "../eval/nodes.js";
import type { ProviderSet } from "../eval/providers.js";
import type { InstanceExtra, ScopeView } from "../eval/scope.js";

export interface ValidateWalkContext {
  readonly modules: ModuleInstances;
  readonly providers: ProviderSet;
  /** Every module's configuration by path key (`""` for the root). */
  readonly configs: ReadonlyMap<string, ConfigModule>;
}

export async function runValidateWalk(graph: Graph<GraphNode>, ctx: ValidateWalkContext): Promise<Diagnostic[]> {
  // One at a time: nothing waits on a provider, and diagnostics then come in the graph's order.
  const summary = await walk(graph, async (node, id) => ({ diags: visit(ctx, node, id) }), { parallelism: 1 });
  return summary.diags;
}

function visit(ctx: ValidateWalkContext, node: GraphNode, id: string): Diagnostic[] {
  const module = ctx.configs.get(nodeModule(node).toString());
  // References are checked once per node (they do not differ between instances), before any evaluation:
  // a node whose references are wrong is not evaluated, as in Terraform.
  if (module !== undefined) {
    const refDiags = node.kind === "module" ? [] : staticReferenceDiags(cachedNodeExpressions(node, ctx.providers), module, ctx.providers);
    if (node.kind === "resource" && node.config?.managed !== undefined) refDiags.push(...lifecycleDiags(node.config, ctx.providers));
    if (hasErrors(refDiags)) return refDiags;
  }
  if (node.kind === "module") return visitModuleExpansion(ctx.modules, node, ctx.providers, validateExpansion);
  const diags: Diagnostic[] = [];
  for (const mi of nodeInstances(ctx.modules, node)) diags.push(...visitIn(ctx, node, id, mi));
  return diags;
}

function visitIn(whole: ValidateWalkContext, node: GraphNode, id: string, mi: ModuleInstance): Diagnostic[] {
  const view = nodeScopeIn(whole.modules, node, mi, whole.providers);
  if (isChildNode(node)) {
    if (node.kind === "variable") return visitChildVariable(node, whole.modules, mi, view);
    return visitChildOutput(node, whole.modules, mi, view, true);
  }
  switch (node.kind) {
    case "variable":
    case "module":
    case "provider":
      return [];
    case "local": {
      const self = selfReferenceDiags(node, id, whole.providers);
      if (self.length > 0) {
        view.setLocal(node.name, DynamicVal);
        return self;
      }
      const ev = evaluate(node.config.expr, view.context());
      view.setLocal(node.name, hasErrors(ev.diags) ? DynamicVal : ev.value);
      return ev.diags;
    }
    case "output":
      return evaluateOutput(node.config, view.context()).diags;
    case "check":
      return evaluationErrors(node.config.asserts.flatMap((r) => [r.condition, r.errorMessage]), view.context());
    case "resource":
      return node.config === undefined ? [] : visitResource(whole, node.config, view);
  }
}

function visitResource(ctx: ValidateWalkContext, res: Resource, view: ScopeView): Diagnostic[] {
  const exp = validateExpansion(res.count, res.forEach, view.context());
  if (exp.expansion === undefined) return exp.diags;
  const diags = [...exp.diags];
  const extra: InstanceExtra = exp.expansion.instances[0] ?? {};
  const schema = ctx.providers.resourceSchema(res.provider, res.mode, res.type);
  const instCtx = view.instanceContext(extra);
  if (schema !== undefined) diags.push(...decodeBody(res.config, schema.block, instCtx).diags);
  diags.push(...evaluationErrors(res.preconditions.flatMap((r) => [r.condition, r.errorMessage]), instCtx));
  const self = schema !== undefined ? unknownVal(impliedType(schema.block)) : DynamicVal;
  diags.push(...evaluationErrors(res.postconditions.flatMap((r) => [r.condition, r.errorMessage]), view.instanceContext({ ...extra, self })));
  return diags;
}

/** Only what evaluating the expressions reports; results are not judged (nothing is known yet). */
function evaluationErrors(exprs: readonly Expression[], ctx: EvalContext): Diagnostic[] {
  return exprs.flatMap((e) => evaluate(e, ctx).diags);
}

/**
 * count and for_each as Terraform's validateCount/validateForEach check them: the value must convert to its
 * type, and a known value must be a valid expansion; an unknown one stands for a single instance whose
 * count.index / each.* are unknown, so that the body is still checked.
 */
export function validateExpansion(count: Expression | undefined, forEach: Expression | undefined, ctx: EvalContext): { expansion?: Expansion; diags: Diagnostic[] } {
  if (count !== undefined) {
    const ev = evaluate(count, ctx);
    if (hasErrors(ev.diags)) return { diags: ev.diags };
    const n = convert(ev.value, NumberType);
    if (!n.ok) return { diags: [...ev.diags, errorDiag("Incorrect value type", `Invalid expression value: ${n.message}.`, count.range)] };
    if (!n.value.isKnown() && !n.value.isNull()) {
      return { expansion: { repetition: "list", instances: [{ key: intKey(0), count: unknownVal(NumberType) }] }, diags: ev.diags };
    }
    return expand(count, undefined, ctx);
  }
  if (forEach !== undefined) {
    const ev = evaluate(forEach, ctx);
    if (hasErrors(ev.diags)) return { diags: ev.diags };
    const [v] = ev.value.unmarkDeep();
    const t = v.type;
    const shapeOk = t.kind === "map" || t.kind === "object" || (t.kind === "set" && (t.elem.kind === "string" || t.elem.kind === "dynamic")) || t.kind === "dynamic";
    if (!v.isWhollyKnown() && !v.isNull() && shapeOk && !ev.value.isSensitive()) {
      const each = { key: unknownVal(StringType), value: unknownVal(elementType(t)) };
      return { expansion: { repetition: "map", instances: [{ key: stringKey(""), each }] }, diags: ev.diags };
    }
    return expand(undefined, forEach, ctx);
  }
  return expand(undefined, undefined, ctx);
}

function elementType(t: Type): Type {
  return t.kind === "map" || t.kind === "set" || t.kind === "list" ? t.elem : { kind: "dynamic" };
}

/**
 * Terraform's staticValidateReferences for resources: an instance key exactly when the resource has count or
 * for_each, and attribute steps the resource type's schema has (checked on an unknown value of its type).
 */
function staticReferenceDiags(exprs: readonly Expression[], module: ConfigModule, providers: ProviderSet): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const expr of exprs) {
    for (const t of expressionReferences(expr)) {
      const found = resourceOf(t, module);
      if (found === undefined) continue;
      const { res, rest } = found;
      const label = res.addr.toString();
      const repeated = res.count !== undefined || res.forEach !== undefined;
      const first = t[rest];
      if (first === undefined) continue;
      let from = rest;
      if (repeated && first.kind === "attr") {
        const meta = res.count !== undefined ? "count" : "for_each";
        const example = res.count !== undefined ? `${label}[count.index]` : `${label}[each.key]`;
        diags.push(
          errorDiag(
            "Missing resource instance key",
            `Because ${label} has "${meta}" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    ${example}`,
            rangeOf(t.slice(0, rest + 1)),
          ),
        );
        continue;
      }
      if (!repeated && first.kind === "index") {
        diags.push(
          errorDiag(
            "Unexpected resource instance key",
            `Because ${label} does not have "count" or "for_each" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.`,
            first.range,
          ),
        );
        continue;
      }
      if (repeated) from++;
      const schema = providers.resourceSchema(res.provider, res.mode, res.type);
      if (schema === undefined) continue;
      const before = diags.length;
      traverseRel(unknownVal(impliedType(schema.block)), t, from, diags);
      for (let i = before; i < diags.length; i++) {
        const d = diags[i]!;
        if (d.summary === "Unsupported attribute" && from < t.length && t[from]!.kind === "attr" && d.subject?.start.byte === t[from]!.range.start.byte) {
          diags[i] = { ...d, detail: `This object has no argument, nested block, or exported attribute named "${(t[from] as { name: string }).name}".` };
        }
      }
    }
  }
  return diags;
}

const resourceIndexes = new WeakMap<ConfigModule, Map<string, Resource>>();

/** `type.name` and `data.type.name` -> resource, built once per module. */
function resourceIndex(module: ConfigModule): Map<string, Resource> {
  let index = resourceIndexes.get(module);
  if (index === undefined) {
    index = new Map();
    for (const r of module.managedResources.values()) index.set(`${r.type}.${r.name}`, r);
    for (const r of module.dataResources.values()) index.set(`data.${r.type}.${r.name}`, r);
    resourceIndexes.set(module, index);
  }
  return index;
}

/** The resource a traversal names in `module`, and the index of the first step after its name. */
function resourceOf(t: Traversal, module: ConfigModule): { res: Resource; rest: number } | undefined {
  const root = t[0];
  if (root?.kind !== "root") return undefined;
  const step = (i: number) => (t[i]?.kind === "attr" ? (t[i] as { name: string }).name : undefined);
  if (root.name === "data") {
    const type = step(1);
    const name = step(2);
    const res = type !== undefined && name !== undefined ? resourceIndex(module).get(`data.${type}.${name}`) : undefined;
    return res !== undefined ? { res, rest: 3 } : undefined;
  }
  if (["count", "each", "local", "var", "path", "terraform", "self", "module"].includes(root.name)) return undefined;
  const offset = root.name === "resource" ? 1 : 0;
  const type = offset === 1 ? step(1) : root.name;
  const name = step(1 + offset);
  const res = type !== undefined && name !== undefined ? resourceIndex(module).get(`${type}.${name}`) : undefined;
  return res !== undefined ? { res, rest: 2 + offset } : undefined;
}

/** ignore_changes names attributes of the resource's own schema; replace_triggered_by refers to resources. */
function lifecycleDiags(res: Resource, providers: ProviderSet): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const schema = providers.resourceSchema(res.provider, res.mode, res.type);
  if (schema !== undefined) {
    for (const t of res.managed?.ignoreChanges ?? []) traverseRel(unknownVal(impliedType(schema.block)), t, 0, diags);
  }
  for (const expr of res.managed?.replaceTriggeredBy ?? []) {
    for (const t of expressionReferences(expr)) {
      const root = t[0];
      if (root?.kind !== "root") continue;
      const allowed = root.name === "count" || root.name === "each" || !["local", "var", "path", "terraform", "self", "module", "data"].includes(root.name);
      if (allowed) continue;
      diags.push(
        errorDiag(
          "Invalid reference in replace_triggered_by expression",
          "Only resources, count.index, and each.key may be used in replace_triggered_by.",
          expr.range,
        ),
      );
    }
  }
  return diags;
}

function rangeOf(t: Traversal) {
  return { filename: t[0]!.range.filename, start: t[0]!.range.start, end: t[t.length - 1]!.range.end };
}
