// `moved`, `import` and `removed` blocks, decided before the plan walk starts (OpenTofu's refactoring
// package and import handling): moves rename objects in the prior state so the walk plans no destroy/create;
// import targets are looked up; `removed { lifecycle { destroy = false } }` resources are forgotten.

import { hasErrors, errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { AbsResourceInstance } from "../../addrs/resource.js";
import { parseAbsResourceInstance } from "../../addrs/parse-target.js";
import { ModuleInstance } from "../../addrs/module.js";
import type { ConfigModule } from "../../config/model.js";
import type { StateIndex } from "../eval/state-index.js";
import type { ChildModuleConfig } from "../eval/module-configs.js";
import { indexToKey } from "../eval/state-index.js";
import type { Import } from "../../config/model.js";
import type { Expression, Traversal } from "../../lang/syntax/ast.js";
import type { ScopeView } from "../eval/scope.js";
import { expand } from "../eval/expand.js";
import { expressionReferences } from "../../lang/eval/references.js";
import { resourceEach } from "../../state/model.js";

/**
 * Applies every moved block whose source exists and whose destination is free; returns new -> previous
 * addresses. Blocks in the root come first, then those of child modules (parents before children), each
 * applied inside every instance of its module that the state holds (Terraform's refactoring.ApplyMoves:
 * a module's moved blocks are relative to the module).
 */
export function applyMoves(module: ConfigModule, state: StateIndex, children: readonly ChildModuleConfig[] = []): Map<string, AbsResourceInstance> {
  const moved = new Map<string, AbsResourceInstance>();
  for (const m of module.moved) applyMove(m.from.subject, m.to.subject, state, moved);
  for (const c of children) {
    if (c.module.moved.length === 0) continue;
    for (const mi of state.moduleInstancesIn(c.path)) {
      for (const m of c.module.moved) applyMove(within(mi, m.from.subject), within(mi, m.to.subject), state, moved);
    }
  }
  return moved;
}

type MoveSubject = ModuleInstance | AbsResourceInstance;

/** A module-relative endpoint placed in module instance `mi`. */
function within(mi: ModuleInstance, s: MoveSubject): MoveSubject {
  if (s instanceof ModuleInstance) return mi.concat(s);
  return new AbsResourceInstance(mi.concat(s.module), s.resource);
}

function applyMove(from: MoveSubject, to: MoveSubject, state: StateIndex, moved: Map<string, AbsResourceInstance>): void {
  const record = (f: AbsResourceInstance, t: AbsResourceInstance) => moved.set(t.key(), moved.get(f.key()) ?? f);
  if (from instanceof ModuleInstance && to instanceof ModuleInstance) {
    const last = (m: ModuleInstance) => m.steps[m.steps.length - 1];
    const fl = last(from);
    const tl = last(to);
    if (fl !== undefined && tl !== undefined && fl.instanceKey.kind === "none" && tl.instanceKey.kind === "none") {
      // A whole module call (as Terraform): each of its instances in state moves, keeping its key.
      for (const mi of state.moduleInstancesIn(from.module())) {
        const key = last(mi)!.instanceKey;
        if (key.kind === "none" || mi.parent().toString() !== from.parent().toString()) continue;
        applyMove(from.parent().child(fl.name, key), to.parent().child(tl.name, key), state, moved);
      }
    }
    // A whole module instance: every object at or below it moves, keeping its path below the module.
    for (const f of state.instancesUnder(from)) {
      const t = new AbsResourceInstance(to.concat(new ModuleInstance(f.module.steps.slice(from.steps.length))), f.resource);
      if (state.renameInstance(f, t)) record(f, t);
    }
    return;
  }
  if (!(from instanceof AbsResourceInstance) || !(to instanceof AbsResourceInstance)) return;
  const wholeResource = from.resource.instanceKey.kind === "none" && to.resource.instanceKey.kind === "none";
  const fromRes = state.resource(from.containingResource());
  if (wholeResource && fromRes && resourceEach(fromRes) !== undefined) {
    // Moving a whole counted/for_each resource moves each instance, keys unchanged.
    for (const inst of [...fromRes.instances]) {
      if (inst.deposed !== undefined) continue;
      const key = indexToKey(inst.index_key);
      const f = from.containingResource().instance(key);
      const t = to.containingResource().instance(key);
      if (state.renameInstance(f, t)) record(f, t);
    }
    return;
  }
  if (state.renameInstance(from, to)) record(from, to);
}

/**
 * Import blocks' targets by instance address key. A block with `for_each` names one target per element: its
 * `to` and `id` are evaluated with that element's `each` (Terraform's import for_each).
 */
export function importTargets(module: ConfigModule, scope: Pick<ScopeView, "context" | "instanceContext" | "setLocal">): { imports: Map<string, { id: string }>; diags: Diagnostic[] } {
  const imports = new Map<string, { id: string }>();
  const diags: Diagnostic[] = [];
  // The blocks are decided before the walk, so the local values they use are evaluated first (the walk
  // evaluates them again to the same values).
  const done = new Set<string>();
  for (const imp of module.imports) for (const e of [imp.forEach, imp.id, imp.to]) if (e !== undefined) evaluateLocalsOf(e, module, scope, done);
  for (const imp of module.imports) {
    if (imp.forEach === undefined) {
      if (imp.toTraversal !== undefined) importTarget(imp, imp.toTraversal, scope.context(), imports, diags);
      continue;
    }
    const exp = expand(undefined, imp.forEach, scope.context());
    diags.push(...exp.diags);
    for (const ei of exp.expansion?.instances ?? []) {
      const ctx = scope.instanceContext({ ...(ei.each !== undefined ? { each: ei.each } : {}) });
      const traversal = targetTraversal(imp.to, ctx, diags);
      if (traversal !== undefined) importTarget(imp, traversal, ctx, imports, diags);
    }
  }
  return { imports, diags };
}

function evaluateLocalsOf(expr: Expression, module: ConfigModule, scope: Pick<ScopeView, "context" | "setLocal">, done: Set<string>): void {
  for (const t of expressionReferences(expr)) {
    const root = t[0];
    const step = t[1];
    if (root?.kind !== "root" || root.name !== "local" || step?.kind !== "attr" || done.has(step.name)) continue;
    done.add(step.name);
    const local = module.locals.get(step.name);
    if (local === undefined) continue;
    evaluateLocalsOf(local.expr, module, scope, done);
    scope.setLocal(step.name, evaluate(local.expr, scope.context()).value);
  }
}

/** `to` as a static traversal, its index expressions (`[each.key]`) evaluated. */
function targetTraversal(expr: Expression, ctx: EvalContext, diags: Diagnostic[]): Traversal | undefined {
  switch (expr.kind) {
    case "ScopeTraversal":
      return expr.traversal;
    case "RelativeTraversal": {
      const src = targetTraversal(expr.source, ctx, diags);
      return src === undefined ? undefined : [...src, ...expr.traversal];
    }
    case "Index": {
      const src = targetTraversal(expr.collection, ctx, diags);
      const key = evaluate(expr.key, ctx);
      diags.push(...key.diags);
      if (src === undefined || hasErrors(key.diags)) return undefined;
      const [k] = key.value.unmarkDeep();
      if (!k.isWhollyKnown() || k.isNull()) {
        diags.push(errorDiag("Invalid import address expression", "The instance key in an import target must be known and not null.", expr.key.range));
        return undefined;
      }
      return [...src, { kind: "index", key: k, range: expr.bracketRange }];
    }
    default:
      diags.push(errorDiag("Invalid import address expression", "Import address must be a reference to a resource's address, and only allows for indexing with dynamic keys.", expr.range));
      return undefined;
  }
}

function importTarget(imp: Import, traversal: Traversal, ctx: EvalContext, imports: Map<string, { id: string }>, diags: Diagnostic[]): void {
  const to = parseAbsResourceInstance(traversal);
  diags.push(...to.diags);
  if (to.addr === undefined) return;
  const id = evaluate(imp.id, ctx);
  diags.push(...id.diags);
  if (hasErrors(id.diags)) return;
  const [v] = id.value.unmarkDeep();
  if (!v.isKnown() || v.isNull() || v.type.kind !== "string") {
    diags.push(errorDiag("Invalid import id argument", "The import ID must be a known, non-null string.", imp.id.range));
    return;
  }
  imports.set(to.addr.key(), { id: v.asString() });
}

/** Resource ids and module paths (`module.m`) with a `removed { lifecycle { destroy = false } }` block. */
export function forgottenResources(module: ConfigModule): Set<string> {
  const out = new Set<string>();
  for (const r of module.removed) {
    if (r.destroy) continue;
    out.add(r.from.subject.toString());
  }
  return out;
}

/** Whether the resource `resourceId` is forgotten: named itself, or inside a forgotten module. */
export function isForgotten(forget: ReadonlySet<string>, resourceId: string): boolean {
  if (forget.size === 0) return false;
  if (forget.has(resourceId)) return true;
  for (const f of forget) if (f.startsWith("module.") && resourceId.startsWith(`${f}.`)) return true;
  return false;
}

export { ModuleInstance };
