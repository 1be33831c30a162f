// Values of resources recorded in state, shaped as expressions see them: `<type>.<name>` is an object for a
// single instance, a tuple for `count` and an object keyed by `for_each` key. Attributes are decoded with the
// provider's schema (dynamic attributes are stored as {"value", "type"} in state, so the schema matters);
// a resource whose provider is not available is decoded with the types its JSON implies.

import type { StateFile, ResourceState, InstanceState } from "../../state/model.js";
import { canonicalJson } from "../../lang/values/json-exact.js";
import { jsonTextToValue } from "../../lang/values/json.js";
import { DynamicVal, objectVal, tupleVal, type Value } from "../../lang/values/value.js";
import type { BlockSpec } from "../../config/schema.js";
import { instanceToValue } from "../eval/state-values.js";
import { markPaths, pathFromStateJson, type ValuePath } from "../eval/marks.js";
import { resourceEach } from "../../state/model.js";

/** The schema of a resource type as recorded in state: provider address string, mode, type. */
export type StateSchemaLookup = (provider: string, mode: "managed" | "data", type: string) => BlockSpec | undefined;

/** Root-module resources by root name: managed types, and "data" for data sources. */
export function rootResourceValues(state: StateFile | undefined, schemaFor: StateSchemaLookup): Map<string, Map<string, Value>> {
  const byRoot = new Map<string, Map<string, Value>>();
  if (state === undefined) return byRoot;
  for (const r of state.resources) {
    if (r.module !== undefined) continue;
    const root = r.mode === "data" ? "data" : r.type;
    let names = byRoot.get(root);
    if (names === undefined) byRoot.set(root, (names = new Map()));
    const value = resourceValue(r, schemaFor(r.provider, r.mode, r.type));
    if (r.mode === "data") {
      const typeObj = names.get(r.type);
      const inner = new Map(typeObj?.isKnown() ? typeObj.asEntries() : []);
      inner.set(r.name, value);
      names.set(r.type, objectVal(inner));
    } else {
      names.set(r.name, value);
    }
  }
  return byRoot;
}

function resourceValue(r: ResourceState, spec: BlockSpec | undefined): Value {
  const current = r.instances.filter((i) => i.deposed === undefined);
  const decode = (i: InstanceState) => instanceValue(i, spec);
  if (resourceEach(r) === "list") {
    const sorted = [...current].sort((a, b) => Number(a.index_key) - Number(b.index_key));
    return tupleVal(sorted.map(decode));
  }
  if (resourceEach(r) === "map") return objectVal(new Map(current.map((i) => [String(i.index_key), decode(i)])));
  return current.length > 0 ? decode(current[0]!) : DynamicVal;
}

function instanceValue(i: InstanceState, spec: BlockSpec | undefined): Value {
  if (spec !== undefined) {
    const decoded = instanceToValue(i, spec);
    return decoded.ok ? decoded.value : DynamicVal;
  }
  const res = jsonTextToValue(canonicalJson(i.attributes));
  if (!res.ok) return DynamicVal;
  const paths: ValuePath[] = [];
  for (const j of i.sensitive_attributes) {
    const p = pathFromStateJson(j);
    if (p !== undefined) paths.push(p);
  }
  return markPaths(res.value, paths);
}
