// Node-side matching shared by plugins: node selector terms and taint tolerations.
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from "../objects/types.js";
import type { NodeInfo } from "./node-info.js";

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (r.operator) {
    case "In":
      return value !== undefined && (r.values ?? []).includes(value);
    case "NotIn":
      return value === undefined || !(r.values ?? []).includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      if (value === undefined || r.values?.length !== 1) return false;
      const a = parseInt64(value);
      const b = parseInt64(r.values[0]!);
      if (a === undefined || b === undefined) return false;
      return r.operator === "Gt" ? a > b : a < b;
    }
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Go's strconv.ParseInt(s, 10, 64), which Kubernetes uses for Gt/Lt on both the label and the term's value:
 * an optional sign and decimal digits only, within int64 ("16x", "1e3", " 5", "0x10" are errors, not numbers).
 */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** Terms are ORed, expressions within a term ANDed; an empty term matches nothing (as in Kubernetes). */
export function nodeMatchesTerms(terms: readonly NodeSelectorTerm[], labels: Record<string, string>, nodeName: string): boolean {
  for (const t of terms) {
    const exprs = t.matchExpressions ?? [];
    const fields = t.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) continue;
    let ok = true;
    for (const e of exprs) if (!requirementMatches(e, labels[e.key])) { ok = false; break; }
    if (ok) for (const f of fields) if (!requirementMatches(f, f.key === "metadata.name" ? nodeName : undefined)) { ok = false; break; }
    if (ok) return true;
  }
  return false;
}

export function nodeMatchesSelectorAndAffinity(
  node: NodeInfo,
  nodeSelector: Record<string, string> | undefined,
  terms: readonly NodeSelectorTerm[] | undefined,
): boolean {
  if (nodeSelector) for (const k in nodeSelector) if (node.labels[k] !== nodeSelector[k]) return false;
  if (terms && !nodeMatchesTerms(terms, node.labels, node.name)) return false;
  return true;
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === "Exists") return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
}

export function toleratesAny(tols: readonly Toleration[], taint: Taint): boolean {
  for (const t of tols) if (tolerates(t, taint)) return true;
  return false;
}
