// Sensitive marks by path. Values crossing the provider boundary carry no marks, so the planner records where
// the marks were (paths), strips them, and puts them back on what the provider returns; schema attributes
// declared `sensitive` are marked too. Recursion follows value nesting, which configuration text bounds.

import type { PathStep } from "../../lang/values/convert.js";
import { SENSITIVE, Value, numberVal, stringVal } from "../../lang/values/value.js";
import { type BlockSpec, type NestedBlockSpec, nestedTypeAsBlock } from "../../config/schema.js";
import type { JsonValue } from "../../lang/values/json-exact.js";

export type ValuePath = readonly PathStep[];

/** Every path at which `v` carries the sensitive mark. */
export function sensitivePaths(v: Value): ValuePath[] {
  const out: ValuePath[] = [];
  // Most values carry no marks at all: finding that out allocates nothing, collecting paths does.
  if (v.containsMarked()) collect(v, [], out);
  return out;
}

function collect(v: Value, path: PathStep[], out: ValuePath[]): void {
  if (v.isSensitive()) {
    out.push([...path]);
    return;
  }
  const raw = v.raw;
  if (Array.isArray(raw)) {
    (raw as readonly Value[]).forEach((e, i) => {
      path.push({ kind: "index", key: numberVal(i) });
      collect(e, path, out);
      path.pop();
    });
  } else if (raw instanceof Map) {
    const isObject = v.type.kind === "object";
    for (const [k, e] of raw as ReadonlyMap<string, Value>) {
      path.push(isObject ? { kind: "attr", name: k } : { kind: "index", key: stringVal(k) });
      collect(e, path, out);
      path.pop();
    }
  }
}

/** `v` with the sensitive mark added at each path that exists in it. */
export function markPaths(v: Value, paths: readonly ValuePath[]): Value {
  let out = v;
  for (const p of paths) out = markAt(out, p, 0);
  return out;
}

function markAt(v: Value, path: ValuePath, i: number): Value {
  if (i === path.length) return v.mark(SENSITIVE);
  if (!v.isKnown() || v.isNull()) return v.mark(SENSITIVE);
  const step = path[i]!;
  const raw = v.raw;
  if (raw instanceof Map) {
    const key = step.kind === "attr" ? step.name : step.key.type.kind === "string" && step.key.isKnown() ? step.key.asString() : undefined;
    if (key === undefined || !raw.has(key)) return v;
    const entries = new Map(raw as ReadonlyMap<string, Value>);
    entries.set(key, markAt(entries.get(key)!, path, i + 1));
    return new Value(v.type, entries, v.marks);
  }
  if (Array.isArray(raw) && step.kind === "index" && step.key.type.kind === "number" && step.key.isKnown()) {
    const idx = step.key.asNumber().toNumber();
    const elems = [...(raw as readonly Value[])];
    if (!(idx >= 0 && idx < elems.length)) return v;
    if (v.type.kind === "set") return v.mark(SENSITIVE); // set elements cannot carry marks
    elems[idx] = markAt(elems[idx]!, path, i + 1);
    return new Value(v.type, elems, v.marks);
  }
  return v;
}

/**
 * A value received from a provider with its marks put back: the sensitive paths of each list (the
 * configuration's, the provider's `sensitivePaths`, what was planned) and the schema's sensitive attributes.
 */
export function remark(v: Value, spec: BlockSpec, ...pathLists: readonly (readonly ValuePath[] | undefined)[]): Value {
  let out = v;
  for (const paths of pathLists) if (paths !== undefined) out = markPaths(out, paths);
  return markSchemaSensitive(out, spec);
}

/** Whether a block (its attributes, nested types and nested blocks, at any depth) declares anything sensitive. */
const specMarksCache = new WeakMap<BlockSpec, boolean>();
function specMarksSomething(spec: BlockSpec): boolean {
  let hit = specMarksCache.get(spec);
  if (hit === undefined) {
    hit = hasSensitive(spec.attributes) || Object.values(spec.blocks ?? {}).some((nb) => specMarksSomething(nb.block));
    specMarksCache.set(spec, hit);
  }
  return hit;
}

/** Marks the attributes the schema declares sensitive (nested blocks included). */
export function markSchemaSensitive(v: Value, spec: BlockSpec): Value {
  // Most schemas declare nothing sensitive; this runs on every object the plan reads or is given.
  if (!specMarksSomething(spec)) return v;
  if (!v.isKnown() || v.isNull() || !(v.raw instanceof Map)) return v;
  let changed = false;
  const entries = new Map(v.raw as ReadonlyMap<string, Value>);
  for (const [name, a] of Object.entries(spec.attributes ?? {})) {
    const cur = entries.get(name);
    if (a.sensitive === true && cur !== undefined) {
      entries.set(name, cur.mark(SENSITIVE));
      changed = true;
    } else if (a.nestedType !== undefined && cur !== undefined) {
      // A set's elements cannot carry marks of their own: a sensitive attribute anywhere in its objects marks
      // the whole set, as cty hoists an element's marks onto the set in Terraform.
      const next =
        a.nestedType.nesting === "set" && cur.isKnown() && !cur.isNull() && hasSensitive(a.nestedType.attributes)
          ? cur.mark(SENSITIVE)
          : markNestedSensitive(cur, nestedTypeAsBlock(a.nestedType));
      if (next !== cur) {
        entries.set(name, next);
        changed = true;
      }
    }
  }
  for (const [name, nb] of Object.entries(spec.blocks ?? {})) {
    const cur = entries.get(name);
    if (cur === undefined) continue;
    const next = markNestedSensitive(cur, nb);
    if (next === cur) continue;
    entries.set(name, next);
    changed = true;
  }
  return changed ? new Value(v.type, entries, v.marks) : v;
}

function hasSensitive(attrs: BlockSpec["attributes"]): boolean {
  return Object.values(attrs ?? {}).some((a) => a.sensitive === true || (a.nestedType !== undefined && hasSensitive(a.nestedType.attributes)));
}

/** The sensitive attributes of each object of a nested block, or of an attribute of a nested type. */
function markNestedSensitive(cur: Value, nb: NestedBlockSpec): Value {
  if (!cur.isKnown() || cur.isNull()) return cur;
  if (nb.nesting === "single" || nb.nesting === "group") return markSchemaSensitive(cur, nb.block);
  if (Array.isArray(cur.raw) && cur.type.kind !== "set") {
    return new Value(cur.type, (cur.raw as readonly Value[]).map((e) => markSchemaSensitive(e, nb.block)), cur.marks);
  }
  if (cur.raw instanceof Map) {
    const m = new Map<string, Value>();
    for (const [k, e] of cur.raw as ReadonlyMap<string, Value>) m.set(k, markSchemaSensitive(e, nb.block));
    return new Value(cur.type, m, cur.marks);
  }
  return cur;
}

/** A path in Terraform's state JSON form: [{"type":"get_attr","value":"x"},{"type":"index","value":{"value":0,"type":"number"}}]. */
export function pathToStateJson(p: ValuePath): JsonValue {
  return p.map((s): JsonValue =>
    s.kind === "attr"
      ? { type: "get_attr", value: s.name }
      : s.key.type.kind === "number"
        ? { type: "index", value: { value: s.key.asNumber().toNumber(), type: "number" } }
        : { type: "index", value: { value: s.key.isKnown() ? s.key.asString() : "", type: "string" } },
  );
}

export function pathFromStateJson(j: JsonValue): ValuePath | undefined {
  if (!Array.isArray(j)) return undefined;
  const out: PathStep[] = [];
  for (const s of j) {
    if (typeof s !== "object" || s === null || Array.isArray(s)) return undefined;
    const step = s as { [k: string]: JsonValue };
    if (step.type === "get_attr" && typeof step.value === "string") out.push({ kind: "attr", name: step.value });
    else if (step.type === "index" && typeof step.value === "object" && step.value !== null && !Array.isArray(step.value)) {
      const inner = (step.value as { [k: string]: JsonValue }).value;
      if (typeof inner === "number") out.push({ kind: "index", key: numberVal(inner) });
      else if (typeof inner === "string") out.push({ kind: "index", key: stringVal(inner) });
      else return undefined;
    } else return undefined;
  }
  return out;
}
