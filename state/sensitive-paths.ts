// The sensitive attribute paths stored with an instance (Terraform's path-step JSON:
// [{"type":"get_attr","value":"input"},{"type":"index","value":{"value":0,"type":"number"}}]) as a set of
// step-key strings, so a renderer can ask "is the value at this path sensitive?" while it walks the JSON.

import type { JsonValue } from "../lang/values/json-exact.js";

/** One step of a walk into a JSON value: an object key or an array index. */
export type Step = string | number;

export function pathKey(path: readonly Step[]): string {
  return JSON.stringify(path);
}

export function sensitivePathSet(paths: readonly JsonValue[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    if (!Array.isArray(p)) continue;
    const steps: Step[] = [];
    let ok = true;
    for (const s of p) {
      const step = decodeStep(s);
      if (step === undefined) {
        ok = false;
        break;
      }
      steps.push(step);
    }
    if (ok) out.add(pathKey(steps));
  }
  return out;
}

function decodeStep(s: JsonValue): Step | undefined {
  if (s === null || typeof s !== "object" || Array.isArray(s) || !("type" in s)) return undefined;
  const rec = s as { [k: string]: JsonValue };
  if (rec.type === "get_attr" && typeof rec.value === "string") return rec.value;
  if (rec.type === "index") {
    const v = rec.value;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && "value" in v) {
      const inner = (v as { [k: string]: JsonValue }).value;
      if (typeof inner === "string") return inner;
      if (typeof inner === "number") return inner;
      if (inner !== null && typeof inner === "object" && "text" in inner) return Number((inner as { text: string }).text);
    }
  }
  return undefined;
}

/**
 * The sensitive paths of a stored instance, as step keys that match its stored attribute JSON (see
 * throughDynamicWrappers). Every reader that walks attribute JSON without a schema uses this.
 */
export function storedSensitivePaths(inst: { readonly attributes: JsonValue; readonly sensitive_attributes: readonly JsonValue[] }): Set<string> {
  return throughDynamicWrappers(sensitivePathSet(inst.sensitive_attributes), inst.attributes);
}

/**
 * A dynamically typed attribute (terraform_data's `input`) is stored as `{"type": T, "value": V}`, and this
 * schemaless rendering shows that wrapper, while a sensitive path inside it (`.input.a`) skips the wrapper.
 * Such a path would match nothing and the secret would be printed; each one that stops resolving at a
 * wrapper is added again with the `value` step, so the marked member is redacted (fail closed).
 */
function throughDynamicWrappers(paths: Set<string>, attrs: JsonValue): Set<string> {
  const out = new Set(paths);
  for (const key of paths) {
    const steps = JSON.parse(key) as Step[];
    const fixed: Step[] = [];
    let cur: JsonValue | undefined = attrs;
    let changed = false;
    for (const step of steps) {
      if (cur !== null && cur !== undefined && typeof cur === "object" && !Array.isArray(cur) && isContainer(cur)) {
        const obj = cur as { [k: string]: JsonValue };
        if (!(String(step) in obj) && isDynamicWrapper(obj)) {
          fixed.push("value");
          cur = obj.value;
          changed = true;
        }
      }
      fixed.push(step);
      cur = cur !== null && cur !== undefined && typeof cur === "object" ? (cur as { [k: string]: JsonValue } & JsonValue[])[step as never] : undefined;
    }
    if (changed) out.add(pathKey(fixed));
  }
  return out;
}

export function isDynamicWrapper(o: { [k: string]: JsonValue }): boolean {
  const keys = Object.keys(o);
  return keys.length === 2 && "type" in o && "value" in o;
}


function isContainer(v: object): boolean {
  return Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;
}
