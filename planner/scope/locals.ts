// Evaluates a module's `locals` in dependency order (a local may refer to others), without recursion:
// Kahn's algorithm over the local-to-local references. A cycle is reported with every member.

import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { expressionReferences } from "../../lang/eval/references.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { DynamicVal, type Value } from "../../lang/values/value.js";
import type { Local } from "../../config/model.js";

export function evaluateLocals(
  locals: ReadonlyMap<string, Local>,
  scopeWithout: (localsSoFar: ReadonlyMap<string, Value>) => EvalContext,
): { values: Map<string, Value>; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const deps = new Map<string, Set<string>>();
  const dependents = new Map<string, string[]>();
  for (const [name, l] of locals) {
    const d = new Set<string>();
    for (const t of expressionReferences(l.expr)) {
      const root = t[0];
      const attr = t[1];
      if (root?.kind === "root" && root.name === "local" && attr?.kind === "attr" && locals.has(attr.name)) d.add(attr.name);
    }
    deps.set(name, d);
    for (const x of d) {
      let list = dependents.get(x);
      if (list === undefined) dependents.set(x, (list = []));
      list.push(name);
    }
  }
  const remaining = new Map([...deps].map(([n, d]) => [n, d.size]));
  const ready = [...remaining].filter(([, c]) => c === 0).map(([n]) => n).sort();
  const values = new Map<string, Value>();
  while (ready.length > 0) {
    const name = ready.shift()!;
    const { value, diags: d } = evaluate(locals.get(name)!.expr, scopeWithout(values));
    diags.push(...d);
    values.set(name, value);
    for (const dep of dependents.get(name) ?? []) {
      const left = remaining.get(dep)! - 1;
      remaining.set(dep, left);
      if (left === 0) ready.push(dep);
    }
  }
  const stuck = [...remaining].filter(([n, c]) => c > 0 && !values.has(n)).map(([n]) => n).sort();
  if (stuck.length > 0) {
    diags.push(
      errorDiag(
        "Cycle",
        `Cycle: ${stuck.map((n) => `local.${n}`).join(", ")}`,
        locals.get(stuck[0]!)!.declRange,
      ),
    );
    for (const n of stuck) values.set(n, DynamicVal);
  }
  return { values, diags };
}
