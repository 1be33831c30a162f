// Values of resources recorded in state, shaped as expressions see them: `<type>.<name>` is an object for a
// single instance, a tuple for `count` and an object keyed by `for_each` key. Without provider schemas the
// attribute types are the ones JSON implies; sensitive attributes recorded in state stay marked.

import type { StateFile, ResourceState, InstanceState } from "../../state/model.js";
import { canonicalJson, type JsonValue } from "../../state/json-exact.js";
import { jsonTextToValue } from "../lang/values/json.js";
import { DynamicVal, objectVal, tupleVal, SENSITIVE, Value } from "../lang/values/value.js";

/** Root-module resources by root name: managed types, and "data" for data sources. */
export function rootResourceValues(state: StateFile | undefined): Map<string, Map<string, Value>> {
  const byRoot = new Map<string, Map<string, Value>>();
  if (state === undefined) return byRoot;
  for (const r of state.resources) {
    if (r.module !== undefined) continue;
    const root = r.mode === "data" ? "data" : r.type;
    let names = byRoot.get(root);
    if (names === undefined) byRoot.set(root, (names = new Map()));
    if (r.mode === "data") {
      const typeObj = names.get(r.type);
      const inner = new Map(typeObj?.isKnown() ? typeObj.asEntries() : []);
      inner.set(r.name, resourceValue(r));
      names.set(r.type, objectVal(inner));
    } else {
      names.set(r.name, resourceValue(r));
    }
  }
  return byRoot;
}

function resourceValue(r: ResourceState): Value {
  const current = r.instances.filter((i) => i.deposed === undefined);
  if (r.each === "list") {
    const sorted = [...current].sort((a, b) => Number(a.index_key) - Number(b.index_key));
    return tupleVal(sorted.map(instanceValue));
  }
  if (r.each === "map") {
    return objectVal(new Map(current.map((i) => [String(i.index_key), instanceValue(i)])));
  }
  return current.length > 0 ? instanceValue(current[0]!) : DynamicVal;
}

function instanceValue(i: InstanceState): Value {
  const res = jsonTextToValue(canonicalJson(i.attributes));
  if (!res.ok) return DynamicVal;
  return markSensitivePaths(res.value, i.sensitive_attributes);
}

/** Marks the attributes listed in sensitive_attributes (Terraform's path-step JSON) as sensitive. */
function markSensitivePaths(v: Value, paths: readonly JsonValue[]): Value {
  let out = v;
  for (const p of paths) {
    if (!Array.isArray(p)) continue;
    out = markAt(out, p as readonly JsonValue[], 0);
  }
  return out;
}

function markAt(v: Value, path: readonly JsonValue[], i: number): Value {
  if (i === path.length) return v.mark(SENSITIVE);
  if (!v.isKnown() || v.isNull()) return v;
  const step = path[i] as { type?: string; value?: JsonValue } | null;
  if (step === null || typeof step !== "object") return v;
  if (step.type === "get_attr" && typeof step.value === "string" && v.raw instanceof Map) {
    const entries = new Map(v.asEntries());
    const child = entries.get(step.value);
    if (child === undefined) return v;
    entries.set(step.value, markAt(child, path, i + 1));
    return new Value(v.type, entries, v.marks);
  }
  if (step.type === "index" && Array.isArray(v.raw)) {
    // Terraform writes index steps as {"type":"index","value":{"value":0,"type":"number"}}.
    const idx = Number((step.value as { value?: unknown } | null)?.value);
    const elems = [...v.asElements()];
    if (!(idx >= 0 && idx < elems.length)) return v;
    elems[idx] = markAt(elems[idx]!, path, i + 1);
    return new Value(v.type, elems, v.marks);
  }
  return v;
}
