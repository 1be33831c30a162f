// Converting between a state object (InstanceState: exact JSON attributes, sensitive paths) and a Value of the
// resource type's schema, in both directions. Unknown values never reach state: the apply walk only records
// wholly known objects.

import { jsonTextToValue, jsonToValue, typeToJSONText } from "../../lang/values/json.js";
import { NULL, nullVal, type Value } from "../../lang/values/value.js";
import type { BigFloat } from "../../lang/values/bigfloat.js";
import { formatNumber } from "../../lang/values/numfmt.js";
import type { Type } from "../../lang/values/types.js";
import type { BlockSpec } from "../../config/schema.js";
import { canonicalJson, isLossy, LosslessNumber, setOwn, type JsonValue } from "../../lang/values/json-exact.js";
import type { InstanceState, JsonObject } from "../../state/model.js";
import { impliedType } from "../../providers/schema.js";
import { markPaths, markSchemaSensitive, pathFromStateJson, pathToStateJson, sensitivePaths, type ValuePath } from "./marks.js";

export type Decoded = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly message: string };

/**
 * Decoded objects by the state object they came from: a plan reads each prior object twice (the scope is
 * seeded with it, then the instance is planned against it). State objects are never changed in place (a
 * change replaces the object) and Values are immutable, so sharing the result is invisible.
 */
const decodedByInstance = new WeakMap<InstanceState, { readonly spec: BlockSpec; readonly decoded: Decoded }>();

/** The object recorded in state as a (sensitive-marked) Value of the schema's type. */
export function instanceToValue(inst: InstanceState, spec: BlockSpec): Decoded {
  const hit = decodedByInstance.get(inst);
  if (hit !== undefined && hit.spec === spec) return hit.decoded;
  const decoded = decodeInstance(inst, spec);
  decodedByInstance.set(inst, { spec, decoded });
  return decoded;
}

function decodeInstance(inst: InstanceState, spec: BlockSpec): Decoded {
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
  const json = valueToJsonExact(plain, impliedType(spec));
  if (typeof json === "string") return { error: json };
  if (typeof json !== "object" || json === null || Array.isArray(json) || json instanceof LosslessNumber) {
    return { error: "the object is not a JSON object" };
  }
  return { attributes: json, sensitive_attributes: paths.map(pathToStateJson) };
}

/**
 * parseJsonExact(valueToJSONText(v, t)) built directly (the error message when it cannot be encoded): no
 * text of the whole object and no second copy of its strings, which for terraform_data holding a 683 KiB
 * string twice (opentofu #1660) was 14 ms and 1.4 MB per object. Iterative: depth never grows the stack.
 */
function valueToJsonExact(root: Value, rootType: Type): JsonValue | string {
  const holder: { [k: string]: JsonValue } = { v: null };
  const work: { v: Value; t: Type; into: { [k: string]: JsonValue }; key: string }[] = [{ v: root, t: rootType, into: holder, key: "v" }];
  while (work.length > 0) {
    const { v, t, into, key } = work.pop()!;
    if (v.marks.size > 0) return "value has marks, so it cannot be serialized as JSON";
    if (t.kind === "dynamic" && v.type.kind !== "dynamic") {
      // cty's {"value":…,"type":…} wrapper for a dynamically-typed attribute.
      const wrapper: { [k: string]: JsonValue } = { value: null, type: JSON.parse(typeToJSONText(v.type)) as JsonValue };
      setOwn(into, key, wrapper);
      work.push({ v, t: v.type, into: wrapper, key: "value" });
      continue;
    }
    if (v.raw === NULL) {
      setOwn(into, key, null);
      continue;
    }
    if (!v.isKnown()) return "value is not known";
    switch (t.kind) {
      case "string":
        setOwn(into, key, wellFormed(v.raw as string));
        break;
      case "number": {
        const d = v.raw as BigFloat;
        if (!d.isFinite()) return "cannot serialize infinity as JSON";
        const text = formatNumber(d);
        setOwn(into, key, isLossy(text) ? new LosslessNumber(text) : Number(text));
        break;
      }
      case "bool":
        setOwn(into, key, v.raw as boolean);
        break;
      case "list":
      case "set":
      case "tuple": {
        const elems = v.raw as readonly Value[];
        const arr: JsonValue[] = new Array<JsonValue>(elems.length).fill(null);
        setOwn(into, key, arr);
        const slots = arr as unknown as { [k: string]: JsonValue };
        for (let i = 0; i < elems.length; i++) work.push({ v: elems[i]!, t: t.kind === "tuple" ? t.elems[i]! : t.elem, into: slots, key: String(i) });
        break;
      }
      case "map":
      case "object": {
        const obj: { [k: string]: JsonValue } = {};
        setOwn(into, key, obj);
        for (const [k, e] of v.raw as ReadonlyMap<string, Value>) {
          const name = wellFormed(k);
          setOwn(obj, name, null); // keys in the value's order, as the text had them
          work.push({ v: e, t: t.kind === "object" ? (t.attrs.get(k) ?? e.type) : t.elem, into: obj, key: name });
        }
        break;
      }
      default:
        return "cannot JSON-serialize dynamic";
    }
  }
  return holder.v!;
}

/**
 * Whether valueToStateAttributes(v, spec) would succeed with attributes whose canonical JSON is that of
 * `json`, found without building them (upgrading an object that did not change, every instance of a plan
 * through a plugin): the value against the JSON as valueToJsonExact would write it. False whenever that is
 * not certain (marks, unknowns, a key with a lone surrogate, anything valueToJsonExact refuses), for the
 * caller to build the attributes and compare their text. Iterative: depth never grows the stack.
 */
export function valueMatchesStateJson(v: Value, spec: BlockSpec, json: JsonObject): boolean {
  if (v.raw === NULL) return false;
  const work: { v: Value; t: Type; j: JsonValue | undefined }[] = [{ v, t: impliedType(spec), j: json }];
  while (work.length > 0) {
    const { v, t, j } = work.pop()!;
    if (v.marks.size > 0 || j === undefined) return false;
    if (t.kind === "dynamic" && v.type.kind !== "dynamic") {
      // cty's {"value":…,"type":…} wrapper.
      if (!isJsonObject(j) || definedKeys(j) !== 2 || j["type"] === undefined) return false;
      if (canonicalJson(j["type"]) !== canonicalJson(JSON.parse(typeToJSONText(v.type)) as JsonValue)) return false;
      work.push({ v, t: v.type, j: j["value"] });
      continue;
    }
    if (v.raw === NULL) {
      if (j !== null) return false;
      continue;
    }
    if (!v.isKnown()) return false;
    switch (t.kind) {
      case "string":
        if (j !== wellFormed(v.raw as string)) return false;
        break;
      case "number": {
        const d = v.raw as BigFloat;
        if (!d.isFinite()) return false;
        // valueToJsonExact writes the text, or the double that prints as the text: either way, the text.
        const text = typeof j === "number" ? JSON.stringify(j) : j instanceof LosslessNumber ? j.text : undefined;
        if (text !== formatNumber(d)) return false;
        break;
      }
      case "bool":
        if (j !== v.raw) return false;
        break;
      case "list":
      case "set":
      case "tuple": {
        const elems = v.raw as readonly Value[];
        if (!Array.isArray(j) || j.length !== elems.length) return false;
        for (let i = 0; i < elems.length; i++) work.push({ v: elems[i]!, t: t.kind === "tuple" ? t.elems[i]! : t.elem, j: j[i] });
        break;
      }
      case "map":
      case "object": {
        const m = v.raw as ReadonlyMap<string, Value>;
        if (!isJsonObject(j) || definedKeys(j) !== m.size) return false;
        for (const [k, e] of m) {
          if (/[\uD800-\uDFFF]/.test(k) || !Object.hasOwn(j, k)) return false;
          work.push({ v: e, t: t.kind === "object" ? (t.attrs.get(k) ?? e.type) : t.elem, j: j[k] });
        }
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

function isJsonObject(j: JsonValue): j is { [key: string]: JsonValue } {
  return typeof j === "object" && j !== null && !Array.isArray(j) && !(j instanceof LosslessNumber);
}

/** The keys canonicalJson writes (it leaves undefined properties out). */
function definedKeys(j: { [key: string]: JsonValue }): number {
  let n = 0;
  for (const k of Object.keys(j)) if (j[k] !== undefined) n++;
  return n;
}

/** A lone surrogate is invalid UTF-8 to Go: the JSON text has U+FFFD in its place. */
function wellFormed(s: string): string {
  if (!/[\uD800-\uDFFF]/.test(s)) return s;
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
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
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else for (const k in v) stack.push(v[k]!);
  }
  return false;
}
