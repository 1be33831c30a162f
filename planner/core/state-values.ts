// Converting between a state object (InstanceState: exact JSON attributes, sensitive paths) and a Value of the
// resource type's schema, in both directions. Unknown values never reach state: the apply walk only records
// wholly known objects.

import { jsonTextToValue, jsonToValue, valueToJSONText } from "../lang/values/json.js";
import { nullVal, type Value } from "../lang/values/value.js";
import type { BlockSpec } from "../config/schema.js";
import { canonicalJson, LosslessNumber, parseJsonExact, type JsonValue } from "../../state/json-exact.js";
import type { InstanceState, JsonObject } from "../../state/model.js";
import { impliedType } from "../../providers/schema.js";
import { markPaths, markSchemaSensitive, pathFromStateJson, pathToStateJson, sensitivePaths, type ValuePath } from "./marks.js";

export type Decoded = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly message: string };

/** The object recorded in state as a (sensitive-marked) Value of the schema's type. */
export function instanceToValue(inst: InstanceState, spec: BlockSpec): Decoded {
  const t = impliedType(spec);
  // Straight from the parsed JSON: printing it and parsing the text again cost a third of a no-op plan.
  // A number a double cannot hold exactly (LosslessNumber, rare) takes the exact text path.
  const r = hasLosslessNumber(inst.attributes) ? jsonTextToValue(canonicalJson(inst.attributes), t) : jsonToValue(inst.attributes, t);
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

function hasLosslessNumber(root: JsonValue): boolean {
  const stack: JsonValue[] = [root];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (v instanceof LosslessNumber) return true;
    if (Array.isArray(v)) stack.push(...v);
    else for (const k in v) stack.push(v[k]!);
  }
  return false;
}
