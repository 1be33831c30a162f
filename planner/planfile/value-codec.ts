// Values in a saved plan keep everything the plan needs at apply: their type, unknown parts ("known after
// apply") and marks (sensitive). A value is stored as {"type": <cty type JSON>, "value": <node>}, where a
// node is unambiguous whatever the data:
//   null -> null; string -> "text"; bool -> true/false; number -> ["n", "<exact decimal text>"]
//   unknown -> ["u"]; marked -> ["m", [marks...], node]; list/set/tuple -> ["l", node...]
//   map/object -> ["o", {key: node}]
// Nested values are decoded with the types their container's type gives them, as cty stores them.
// Recursion follows value nesting, which the configuration that produced the value bounds.

import type { PathStep } from "../../lang/values/convert.js";
import { bigFloatFrom, BigFloat } from "../../lang/values/bigfloat.js";
import { typeFromJSON, typeToJSON } from "../../lang/values/json.js";
import { formatNumber } from "../../lang/values/numfmt.js";
import type { Type } from "../../lang/values/types.js";
import { NULL, UNKNOWN, Value, sortedMap, type Raw } from "../../lang/values/value.js";

export type Node = null | string | boolean | Node[] | { [k: string]: Node };

export interface EncodedValue {
  readonly type: unknown;
  readonly value: Node;
}

export function encodeValue(v: Value): EncodedValue {
  return { type: typeToJSON(v.type), value: encodeNode(v) };
}

function encodeNode(v: Value): Node {
  const inner = encodeRaw(v.raw);
  return v.marks.size > 0 ? ["m", [...v.marks].sort(), inner] : inner;
}

function encodeRaw(r: Raw): Node {
  if (r === NULL) return null;
  if (r === UNKNOWN) return ["u"];
  if (typeof r === "string" || typeof r === "boolean") return r;
  if (r instanceof BigFloat) return ["n", r.isFinite() ? formatNumber(r) : r.toString()];
  if (Array.isArray(r)) return ["l", ...(r as readonly Value[]).map(encodeNode)];
  const o: { [k: string]: Node } = {};
  for (const [k, e] of r as ReadonlyMap<string, Value>) Object.defineProperty(o, k, { value: encodeNode(e), enumerable: true, writable: true, configurable: true });
  return ["o", o];
}

export type DecodeResult = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly message: string };

export function decodeValue(e: unknown): DecodeResult {
  if (e === null || typeof e !== "object" || !("type" in e) || !("value" in e)) return { ok: false, message: "a stored value needs a type and a value" };
  const t = typeFromJSON((e as { type: unknown }).type);
  if (!t.ok) return { ok: false, message: t.message };
  try {
    return { ok: true, value: decodeNode((e as { value: Node }).value, t.type) };
  } catch (err) {
    if (err instanceof CodecError) return { ok: false, message: err.message };
    throw err;
  }
}

/** Malformed input in a plan file (not a bug): caught at decodeValue and returned as a message. */
class CodecError extends Error {}

function decodeNode(n: Node, t: Type): Value {
  if (Array.isArray(n) && n[0] === "m") {
    const marks = n[1];
    if (!Array.isArray(marks) || !marks.every((m) => typeof m === "string")) throw new CodecError("invalid marks");
    return decodeNode(n[2] as Node, t).withMarks(new Set(marks as string[]));
  }
  if (n === null) return new Value(t, NULL);
  if (Array.isArray(n) && n[0] === "u") return new Value(t, UNKNOWN);
  switch (t.kind) {
    case "string":
      if (typeof n !== "string") throw new CodecError("string expected");
      return new Value(t, n);
    case "bool":
      if (typeof n !== "boolean") throw new CodecError("bool expected");
      return new Value(t, n);
    case "number":
      if (!Array.isArray(n) || n[0] !== "n" || typeof n[1] !== "string") throw new CodecError("number expected");
      return new Value(t, bigFloatFrom(n[1]));
    case "list":
    case "set":
    case "tuple": {
      if (!Array.isArray(n) || n[0] !== "l") throw new CodecError(`${t.kind} expected`);
      const items = n.slice(1);
      if (t.kind === "tuple" && items.length !== t.elems.length) throw new CodecError("tuple length does not match its type");
      return new Value(t, items.map((x, i) => decodeNode(x, t.kind === "tuple" ? t.elems[i]! : t.elem)));
    }
    case "map":
    case "object": {
      if (!Array.isArray(n) || n[0] !== "o" || n[1] === null || typeof n[1] !== "object" || Array.isArray(n[1])) throw new CodecError(`${t.kind} expected`);
      const m = new Map<string, Value>();
      for (const [k, x] of Object.entries(n[1] as { [k: string]: Node })) {
        const et = t.kind === "map" ? t.elem : t.attrs.get(k);
        if (et === undefined) throw new CodecError(`attribute "${k}" is not in the object type`);
        m.set(k, decodeNode(x, et));
      }
      return new Value(t, sortedMap(m));
    }
    default:
      throw new CodecError("a value of unknown type must be null or unknown");
  }
}

export type EncodedStep = { readonly attr: string } | { readonly index: EncodedValue };

export function encodePath(p: readonly PathStep[]): EncodedStep[] {
  return p.map((s) => (s.kind === "attr" ? { attr: s.name } : { index: encodeValue(s.key) }));
}

export function decodePath(p: unknown): PathStep[] | string {
  if (!Array.isArray(p)) return "a path must be an array";
  const out: PathStep[] = [];
  for (const s of p) {
    if (s !== null && typeof s === "object" && typeof (s as { attr?: unknown }).attr === "string") out.push({ kind: "attr", name: (s as { attr: string }).attr });
    else if (s !== null && typeof s === "object" && "index" in s) {
      const k = decodeValue((s as { index: unknown }).index);
      if (!k.ok) return k.message;
      out.push({ kind: "index", key: k.value });
    } else return "invalid path step";
  }
  return out;
}
