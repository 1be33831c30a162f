// Label selectors: the string form used by `?labelSelector=` (equality- and set-based) and the structured
// LabelSelector of workloads, both compiled to one list of requirements.
import type { LabelSelector } from "./meta.js";

export type SelectorOp = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface Requirement {
  key: string;
  op: SelectorOp;
  values: string[];
}

/** A compiled selector; an empty list matches everything (as Kubernetes' empty selector does). */
export type Selector = readonly Requirement[];

export class SelectorError extends Error {}

/** Parses `app=web,tier!=db,env in (prod,stage),!canary,gpu` into requirements. */
export function parseSelector(text: string): Selector {
  const out: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const s = part.trim();
    if (s === "") continue;
    out.push(parseRequirement(s));
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  if (depth !== 0) throw new SelectorError(`unable to parse requirement: unbalanced parentheses in "${text}"`);
  return parts;
}

const SET_RE = /^([A-Za-z0-9./_-]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const EQ_RE = /^([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)$/;
const KEY_RE = /^(!?)\s*([A-Za-z0-9./_-]+)$/;

function parseRequirement(s: string): Requirement {
  let m = SET_RE.exec(s);
  if (m) {
    const values = m[3]!.split(",").map((v) => v.trim()).filter((v) => v !== "");
    return { key: m[1]!, op: m[2] === "in" ? "In" : "NotIn", values };
  }
  m = EQ_RE.exec(s);
  if (m) return { key: m[1]!, op: m[2] === "!=" ? "NotIn" : "In", values: [m[3]!] };
  m = KEY_RE.exec(s);
  if (m) return { key: m[2]!, op: m[1] === "!" ? "DoesNotExist" : "Exists", values: [] };
  throw new SelectorError(`unable to parse requirement: "${s}"`);
}

/** Compiles a structured LabelSelector. `undefined` gives `undefined` (callers decide: nothing or everything). */
export function compileLabelSelector(sel: LabelSelector | undefined): Selector | undefined {
  if (sel === undefined) return undefined;
  const out: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) out.push({ key, op: "In", values: [value] });
  for (const e of sel.matchExpressions ?? []) out.push({ key: e.key, op: e.operator, values: e.values ?? [] });
  return out;
}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  for (const r of selector) {
    const v = labels?.[r.key];
    switch (r.op) {
      case "In":
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case "NotIn":
        if (v !== undefined && r.values.includes(v)) return false;
        break;
      case "Exists":
        if (v === undefined) return false;
        break;
      case "DoesNotExist":
        if (v !== undefined) return false;
        break;
    }
  }
  return true;
}

/** A canonical string for a selector, used as a cache key by the scheduler. */
export function selectorKey(selector: Selector): string {
  return selector
    .map((r) => `${r.key} ${r.op} (${[...r.values].sort().join(",")})`)
    .sort()
    .join(";");
}

export function matchLabelSelector(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  const c = compileLabelSelector(sel);
  return c === undefined ? false : matches(c, labels);
}
