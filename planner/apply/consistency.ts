// The apply-time consistency check (Terraform's objchange.AssertObjectCompatible as used after apply): every
// value the provider planned as known must come back unchanged; only unknown ("known after apply") parts may
// be filled in. A provider that breaks this has a bug, and Terraform reports "Provider produced inconsistent
// result after apply". Iterative over an explicit work list, so deep values cannot overflow the stack.

import { rawEquals, type Value } from "../../lang/values/value.js";
import { formatValue } from "../../lang/values/format.js";

/** Each problem as Terraform words it: `.path: was X, but now Y`. Empty when the result is consistent. */
export function inconsistencies(planned: Value, actual: Value): string[] {
  const problems: string[] = [];
  const work: { p: Value; a: Value; path: string }[] = [{ p: planned, a: actual, path: "" }];
  while (work.length > 0) {
    const { p, a, path } = work.pop()!;
    if (!p.isKnown()) continue;
    // A set is compared whole when wholly known; with unknown members they cannot be matched one to one.
    if (p.type.kind === "set" && !p.isWhollyKnown()) continue;
    const collection = p.raw instanceof Map || (Array.isArray(p.raw) && p.type.kind !== "set");
    if (p.isNull() || !a.isKnown() || a.isNull() || !collection) {
      if (!rawEquals(p.unmarkDeep()[0], a.unmarkDeep()[0])) problems.push(`${path || "root object"}: was ${describe(p)}, but now ${describe(a)}`);
      continue;
    }
    // Objects, maps, lists and tuples are compared element by element, so the message names the leaf.
    const pr = p.raw;
    const ar = a.raw;
    if (pr instanceof Map && ar instanceof Map) {
      for (const [k, pv] of pr as ReadonlyMap<string, Value>) {
        const av = (ar as ReadonlyMap<string, Value>).get(k);
        const step = p.type.kind === "object" ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
        if (av === undefined) problems.push(`${step}: was ${describe(pv)}, but now absent`);
        else work.push({ p: pv, a: av, path: step });
      }
    } else if (Array.isArray(pr) && Array.isArray(ar) && p.type.kind !== "set") {
      const pl = pr as readonly Value[];
      const al = ar as readonly Value[];
      if (pl.length !== al.length) problems.push(`${path}: length changed from ${pl.length} to ${al.length}`);
      else for (let i = pl.length - 1; i >= 0; i--) work.push({ p: pl[i]!, a: al[i]!, path: `${path}[${i}]` });
    }
  }
  return problems.reverse();
}

/** Sensitive values are never printed (marks come from the configuration and the schema). */
function describe(v: Value): string {
  if (!v.isKnown()) return "(known after apply)";
  if (v.containsMarked()) return "(sensitive value)";
  return formatValue(v).replace(/\n\s*/g, " ");
}
