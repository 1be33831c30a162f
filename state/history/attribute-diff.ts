// Per-attribute differences between two versions of one resource instance, with sensitive values redacted:
// a path marked sensitive (in either version's sensitive_attributes) is compared as a whole and never
// printed, and its inner structure is not walked (a sensitive map's keys are not shown either).
// Multi-line strings get a line diff from the `diff` package. The walk is iterative.

import { diffLines } from "diff";
import { canonicalJson, LosslessNumber, type JsonValue } from "../../lang/values/json-exact.js";
import type { InstanceState } from "../model.js";
import { storedSensitivePaths, pathKey, type Step } from "../sensitive-paths.js";

export const REDACTED = "(sensitive value)";

export interface AttributeChange {
  /** e.g. `tags["env"]`, `ports[0]`, `(status)` for instance metadata. */
  readonly path: string;
  readonly action: "add" | "remove" | "change";
  /** Absent when there is no value on that side; the string REDACTED when sensitive. */
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly sensitive?: boolean;
  /** For multi-line strings: the line diff, each line prefixed "+ ", "- " or "  ". */
  readonly lines?: readonly string[];
}

export function diffInstances(before: InstanceState | undefined, after: InstanceState | undefined): AttributeChange[] {
  // Paths resolved against each version's stored JSON (dynamic attributes keep a {"type","value"} wrapper).
  const sensitive = new Set([...(before ? storedSensitivePaths(before) : []), ...(after ? storedSensitivePaths(after) : [])]);
  const out: AttributeChange[] = [];
  const work: [Step[], JsonValue | undefined, JsonValue | undefined][] = [[[], before?.attributes, after?.attributes]];
  while (work.length > 0) {
    const [path, a, b] = work.pop()!;
    const isSensitive = path.length > 0 && sensitive.has(pathKey(path));
    if (!isSensitive && isObject(a) && isObject(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) work.push([[...path, k], a[k], b[k]]);
      continue;
    }
    if (!isSensitive && Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) work.push([[...path, i], a[i], b[i]]);
      continue;
    }
    if (path.length === 0 && (a === undefined || b === undefined)) {
      // A whole instance created or deleted: list its top-level attributes.
      const obj = (a ?? b) as { [k: string]: JsonValue } | undefined;
      for (const k of Object.keys(obj ?? {})) work.push([[k], a === undefined ? undefined : obj![k], b === undefined ? undefined : obj![k]]);
      continue;
    }
    if (same(a, b)) continue;
    const hidden = isSensitive || hasSensitivePrefix(path, sensitive);
    out.push(leaf(formatPath(path), a, b, hidden));
  }
  for (const [name, get] of META) {
    const x = before ? get(before) : undefined;
    const y = after ? get(after) : undefined;
    if (before && after && !same(x, y)) out.push(leaf(name, x, y, name === "(private)"));
  }
  return out.sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
}

/** Instance fields other than attributes that matter to an audit; private data is opaque and never shown. */
const META: [string, (i: InstanceState) => JsonValue | undefined][] = [
  ["(status)", (i) => i.status ?? "healthy"],
  ["(schema_version)", (i) => i.schema_version],
  ["(dependencies)", (i) => i.dependencies ?? []],
  ["(private)", (i) => i.private],
  ["(sensitive_attributes)", (i) => i.sensitive_attributes],
];

function leaf(path: string, a: JsonValue | undefined, b: JsonValue | undefined, hidden: boolean): AttributeChange {
  const action = a === undefined ? "add" : b === undefined ? "remove" : "change";
  if (hidden) {
    return { path, action, sensitive: true, ...(a !== undefined ? { before: REDACTED } : {}), ...(b !== undefined ? { after: REDACTED } : {}) };
  }
  const change: AttributeChange = { path, action, ...(a !== undefined ? { before: a } : {}), ...(b !== undefined ? { after: b } : {}) };
  if (typeof a === "string" && typeof b === "string" && (a.includes("\n") || b.includes("\n"))) {
    const lines: string[] = [];
    for (const part of diffLines(a, b)) {
      const prefix = part.added ? "+ " : part.removed ? "- " : "  ";
      const body = part.value.endsWith("\n") ? part.value.slice(0, -1) : part.value;
      for (const line of body.split("\n")) lines.push(prefix + line);
    }
    return { ...change, lines };
  }
  return change;
}

function hasSensitivePrefix(path: readonly Step[], sensitive: ReadonlySet<string>): boolean {
  for (let n = 1; n < path.length; n++) if (sensitive.has(pathKey(path.slice(0, n)))) return true;
  return false;
}

function isObject(v: JsonValue | undefined): v is { [k: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof LosslessNumber);
}

function same(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

export function formatPath(path: readonly Step[]): string {
  let s = "";
  for (const step of path) {
    if (typeof step === "number") s += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) s += s === "" ? step : `.${step}`;
    else s += `[${JSON.stringify(step)}]`;
  }
  return s;
}
