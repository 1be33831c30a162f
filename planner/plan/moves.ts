// `moved`, `import` and `removed` blocks, decided before the plan walk starts (OpenTofu's refactoring
// package and import handling): moves rename objects in the prior state so the walk plans no destroy/create;
// import targets are looked up; `removed { lifecycle { destroy = false } }` resources are forgotten.

import { hasErrors, errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { AbsResourceInstance, ConfigResource } from "../../addrs/resource.js";
import { parseAbsResourceInstance } from "../../addrs/parse-target.js";
import { ModuleInstance } from "../../addrs/module.js";
import type { ConfigModule } from "../../config/model.js";
import type { StateIndex } from "../eval/state-index.js";
import type { ChildModuleConfig } from "../eval/module-configs.js";
import { indexToKey } from "../eval/state-index.js";
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

export function importTargets(module: ConfigModule, ctx: EvalContext): { imports: Map<string, { id: string }>; diags: Diagnostic[] } {
  const imports = new Map<string, { id: string }>();
  const diags: Diagnostic[] = [];
  for (const imp of module.imports) {
    if (imp.toTraversal === undefined) continue;
    const to = parseAbsResourceInstance(imp.toTraversal);
    diags.push(...to.diags);
    if (to.addr === undefined) continue;
    const id = evaluate(imp.id, ctx);
    diags.push(...id.diags);
    if (hasErrors(id.diags)) continue;
    const [v] = id.value.unmarkDeep();
    if (!v.isKnown() || v.isNull() || v.type.kind !== "string") {
      diags.push(errorDiag("Invalid import id argument", "The import ID must be a known, non-null string.", imp.id.range));
      continue;
    }
    imports.set(to.addr.key(), { id: v.asString() });
  }
  return { imports, diags };
}

export function forgottenResources(module: ConfigModule): Set<string> {
  const out = new Set<string>();
  for (const r of module.removed) {
    if (r.destroy) continue;
    if (r.from.subject instanceof ConfigResource) out.add(r.from.subject.toString());
  }
  return out;
}

export { ModuleInstance };
