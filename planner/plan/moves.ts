// `moved`, `import` and `removed` blocks, decided before the plan walk starts (OpenTofu's refactoring
// package and import handling): moves rename objects in the prior state so the walk plans no destroy/create;
// import targets are looked up; `removed { lifecycle { destroy = false } }` resources are forgotten.

import { hasErrors, errorDiag, type Diagnostic } from "../lang/diagnostics.js";
import type { EvalContext } from "../lang/eval/context.js";
import { evaluate } from "../lang/eval/evaluate.js";
import { AbsResourceInstance, ConfigResource } from "../addrs/resource.js";
import { parseAbsResourceInstance } from "../addrs/parse-target.js";
import { ModuleInstance } from "../addrs/module.js";
import type { ConfigModule } from "../config/model.js";
import type { StateIndex } from "../core/state-index.js";
import { indexToKey } from "../core/state-index.js";

/** Applies every moved block whose source exists and whose destination is free; returns new -> previous addresses. */
export function applyMoves(module: ConfigModule, state: StateIndex): Map<string, AbsResourceInstance> {
  const moved = new Map<string, AbsResourceInstance>();
  for (const m of module.moved) {
    const from = m.from.subject;
    const to = m.to.subject;
    if (!(from instanceof AbsResourceInstance) || !(to instanceof AbsResourceInstance)) continue;
    const wholeResource = from.resource.instanceKey.kind === "none" && to.resource.instanceKey.kind === "none";
    const fromRes = state.resource(from.containingResource().config());
    if (wholeResource && fromRes && fromRes.each !== undefined) {
      // Moving a whole counted/for_each resource moves each instance, keys unchanged.
      for (const inst of [...fromRes.instances]) {
        if (inst.deposed !== undefined) continue;
        const key = indexToKey(inst.index_key);
        const f = from.containingResource().instance(key);
        const t = to.containingResource().instance(key);
        if (state.renameInstance(f, t)) moved.set(t.key(), moved.get(f.key()) ?? f);
      }
      continue;
    }
    if (state.renameInstance(from, to)) moved.set(to.key(), moved.get(from.key()) ?? from);
  }
  return moved;
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
