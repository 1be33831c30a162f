// Values as Terraform's JSON plan writes them (internal/command/jsonplan): the value itself with unknown parts
// left out (omitUnknowns: unknown object attributes dropped, unknown sequence elements written as null so
// element positions still line up with after_unknown), and the two "shape mirrors" made of booleans:
// after_unknown (unknownAsBool) and before/after_sensitive (jsonstate.SensitiveAsBool). In both, objects and
// maps omit their false members, sequences keep every element, and a wholly unknown or sensitive part is
// `true`. Marks never reach the value text: Terraform prints sensitive values in before/after and flags them
// in the *_sensitive fields.

import type { BlockSpec } from "../../../config/schema.js";
import type { PathStep } from "../../../lang/values/convert.js";
import { jsonQuote } from "../../../lang/values/json.js";
import { formatNumber } from "../../../lang/values/numfmt.js";
import { Decimal } from "../../../lang/values/decimal.js";
import { NULL, SENSITIVE, UNKNOWN, Value } from "../../../lang/values/value.js";
import type { JsonValue } from "../../../lang/values/json-exact.js";
import { raw, type JsonText } from "../state/go-json.js";

/**
 * ctyjson.Marshal(omitUnknowns(v)) ignoring marks. Undefined when the value is wholly unknown (Terraform then
 * leaves the field out). Each nested value is written with its own type, as Marshal(v, v.Type()) does.
 */
export function knownValueJson(v: Value): JsonText | undefined {
  if (v.raw === UNKNOWN) return undefined;
  const out: string[] = [];
  writeKnown(v, out);
  return raw(out.join(""));
}

function writeKnown(v: Value, out: string[]): void {
  const r = v.raw;
  if (r === NULL || r === UNKNOWN) {
    // An unknown element of a sequence stands as null; unknown attributes were skipped by the caller.
    out.push("null");
    return;
  }
  if (typeof r === "string") out.push(jsonQuote(r));
  else if (typeof r === "boolean") out.push(r ? "true" : "false");
  else if (r instanceof Decimal) out.push(r.isFinite() ? formatNumber(r) : "null");
  else if (Array.isArray(r)) {
    out.push("[");
    (r as readonly Value[]).forEach((e, i) => {
      if (i > 0) out.push(",");
      writeKnown(e, out);
    });
    out.push("]");
  } else {
    out.push("{");
    let first = true;
    for (const [k, e] of r as ReadonlyMap<string, Value>) {
      if (e.raw === UNKNOWN) continue;
      if (!first) out.push(",");
      first = false;
      out.push(jsonQuote(k), ":");
      writeKnown(e, out);
    }
    out.push("}");
  }
}

/** Terraform's unknownAsBool: true for a wholly unknown value, false for a known leaf or null. */
export function unknownAsBool(v: Value): JsonValue {
  const r = v.raw;
  if (r === NULL) return false;
  if (r === UNKNOWN) return true;
  if (Array.isArray(r)) return (r as readonly Value[]).map(unknownAsBool);
  if (r instanceof Map) {
    const out: { [k: string]: JsonValue } = {};
    for (const [k, e] of r as ReadonlyMap<string, Value>) {
      const b = unknownAsBool(e);
      if (b !== false) out[k] = b;
    }
    return out;
  }
  return false;
}

/** jsonstate.SensitiveAsBool: true where the sensitive mark is, objects without false members elsewhere. */
export function sensitiveAsBool(v: Value): JsonValue {
  if (v.hasMark(SENSITIVE)) return true;
  const r = v.raw;
  if (r === NULL) return false;
  const t = v.type.kind;
  if (r === UNKNOWN) {
    // Nothing can be said about the contents of an unknown collection.
    if (t === "list" || t === "set" || t === "tuple") return [];
    if (t === "map" || t === "object") return {};
    return false;
  }
  if (Array.isArray(r)) return (r as readonly Value[]).map(sensitiveAsBool);
  if (r instanceof Map) {
    const out: { [k: string]: JsonValue } = {};
    for (const [k, e] of r as ReadonlyMap<string, Value>) {
      const s = sensitiveAsBool(e);
      if (s !== false) out[k] = s;
    }
    return out;
  }
  return false;
}

/**
 * The value with the sensitive mark added on every attribute the schema declares sensitive (configschema's
 * ValueMarks), at any nesting depth, so that sensitivity does not depend on how the planner marked it.
 */
export function withSchemaMarks(v: Value, block: BlockSpec | undefined): Value {
  if (block === undefined || !(v.raw instanceof Map) || v.type.kind !== "object") return v;
  let changed = false;
  const entries = new Map<string, Value>();
  for (const [k, e] of v.raw as ReadonlyMap<string, Value>) {
    let next = e;
    const attr = block.attributes?.[k];
    if (attr?.sensitive === true) next = e.mark(SENSITIVE);
    const nested = block.blocks?.[k];
    if (nested !== undefined && e.isKnown() && !e.isNull()) {
      if (nested.nesting === "single" || nested.nesting === "group") next = withSchemaMarks(e, nested.block);
      else if (Array.isArray(e.raw)) {
        const elems = (e.raw as readonly Value[]).map((x) => withSchemaMarks(x, nested.block));
        if (elems.some((x, i) => x !== (e.raw as readonly Value[])[i])) next = new Value(e.type, elems, e.marks);
      } else if (e.raw instanceof Map) {
        const m = new Map<string, Value>();
        let any = false;
        for (const [mk, mv] of e.raw as ReadonlyMap<string, Value>) {
          const x = withSchemaMarks(mv, nested.block);
          if (x !== mv) any = true;
          m.set(mk, x);
        }
        if (any) next = new Value(e.type, m, e.marks);
      }
    }
    if (next !== e) changed = true;
    entries.set(k, next);
  }
  return changed ? new Value(v.type, entries, v.marks) : v;
}

/** replace_paths: each path as an array of steps, attribute names as strings and index keys as their value. */
export function pathsJson(paths: readonly (readonly PathStep[])[]): JsonValue {
  return paths.map((p) =>
    p.map((s): JsonValue => {
      if (s.kind === "attr") return s.name;
      const k = s.key;
      if (typeof k.raw === "string") return k.raw;
      if (k.raw instanceof Decimal) return k.raw.toNumber();
      return null;
    }),
  );
}
