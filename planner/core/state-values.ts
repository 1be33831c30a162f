// Converting between a state object (InstanceState: exact JSON attributes, sensitive paths) and a Value of the
// resource type's schema, in both directions. Unknown values never reach state: the apply walk only records
// wholly known objects.

import { jsonTextToValue, valueToJSONText } from "../lang/values/json.js";
import { nullVal, type Value } from "../lang/values/value.js";
import type { BlockSpec } from "../config/schema.js";
import { canonicalJson, parseJsonExact } from "../../state/json-exact.js";
import type { InstanceState, JsonObject } from "../../state/model.js";
import { impliedType } from "../../providers/schema.js";
import { markPaths, markSchemaSensitive, pathFromStateJson, pathToStateJson, sensitivePaths, type ValuePath } from "./marks.js";

export type Decoded = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly message: string };

/** The object recorded in state as a (sensitive-marked) Value of the schema's type. */
export function instanceToValue(inst: InstanceState, spec: BlockSpec): Decoded {
  const t = impliedType(spec);
  const r = jsonTextToValue(canonicalJson(inst.attributes), t);
  if (!r.ok) return { ok: false, message: r.message };
  const paths: ValuePath[] = [];
  for (const j of inst.sensitive_attributes) {
    const p = pathFromStateJson(j);
    if (p !== undefined) paths.push(p);
  }
  return { ok: true, value: markSchemaSensitive(markPaths(r.value, paths), spec) };
}

export interface ObjectForState {
  readonly attributes: JsonObject;
  readonly sensitive_attributes: InstanceState["sensitive_attributes"];
}

/** The attributes and sensitive paths to record for a wholly known object value. */
export function valueToStateAttributes(v: Value, spec: BlockSpec): ObjectForState | { error: string } {
  const paths = sensitivePaths(v);
  const [plain] = v.unmarkDeep();
  if (!plain.isWhollyKnown()) return { error: "the object still has unknown values" };
  const text = valueToJSONText(plain, impliedType(spec));
  if (!text.ok) return { error: text.message };
  const parsed = parseJsonExact(text.text);
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) {
    return { error: "the object is not a JSON object" };
  }
  return { attributes: parsed.value as JsonObject, sensitive_attributes: paths.map(pathToStateJson) };
}

export function nullObject(spec: BlockSpec): Value {
  return nullVal(impliedType(spec));
}
