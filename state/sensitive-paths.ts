// The sensitive attribute paths stored with an instance (Terraform's path-step JSON:
// [{"type":"get_attr","value":"input"},{"type":"index","value":{"value":0,"type":"number"}}]) as a set of
// step-key strings, so a renderer can ask "is the value at this path sensitive?" while it walks the JSON.

import type { JsonValue } from "./json-exact.js";

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
