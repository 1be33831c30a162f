// The reference for providers/plugin/msgpack-values.ts: the conversion it replaced, through a generic msgpack
// document and @msgpack/msgpack's encoder and decoder. The direct codec must write the same bytes and read
// the same values (msgpack-values.test.ts); kept here only as that oracle.
//
// Dynamic values on the wire as Terraform encodes them (go-cty's msgpack package): the value is encoded
// against a type the receiver also knows (the schema's implied type), so only dynamically-typed positions
// carry their type, as a two-element array [type JSON bytes, value]. Null is msgpack nil; an unknown value
// is extension 0 (one zero byte of payload); object attributes are a map in sorted key order; numbers are
// an integer when they are one that fits 64 bits, a float64 when exact, decimal text otherwise.
//
// Refined unknowns (extension 12, a map of refinements: not-null, string prefix, number and length bounds)
// are accepted and read as plain unknowns: Cairn's values carry no refinements, so there is nothing to keep
// and nothing to send. Decoding is bounded: the payload size is gRPC's message limit, nesting follows the
// type, and a refinement payload over 1 KiB is refused as go-cty refuses it.

import { Decoder, Encoder, ExtData } from "@msgpack/msgpack";
import { BigFloat } from "../../../lang/values/bigfloat.js";
import { typeFromJSON, typeToJSONText } from "../../../lang/values/json.js";
import { setVal } from "../../../lang/values/set.js";
import { NumberType, type Type, typeEquals } from "../../../lang/values/types.js";
import {
  type Value,
  Value as ValueClass,
  boolVal,
  nullVal,
  numberVal,
  objectValOwning,
  setValEmpty,
  sortedMap,
  stringVal,
  unknownVal,
  NULL,
  UNKNOWN,
} from "../../../lang/values/value.js";

const unknownExtType = 0;
const refinedUnknownExtType = 12;
const maxRefinementBytes = 1024;
const unknownPayload = new Uint8Array([0]);

const encoder = new Encoder({ useBigInt64: true, sortKeys: true });
const decoder = new Decoder({ useBigInt64: true });

/** A problem with a value a peer sent: a diagnostic for the caller, never an exception. */
export class WireValueError {
  constructor(readonly message: string) {}
}

/** The value's msgpack encoding against `t` (the schema's implied type, or the value's own). */
export function encodeValue(v: Value, t: Type): Uint8Array {
  return encoder.encode(toWire(v, t));
}

/** Decodes a msgpack payload against `t`; a WireValueError for a payload that does not conform. */
export function decodeValue(bytes: Uint8Array, t: Type): Value | WireValueError {
  let raw: unknown;
  try {
    raw = decoder.decode(bytes);
  } catch (err) {
    return new WireValueError(`malformed msgpack value: ${(err as Error).message}`);
  }
  try {
    return fromWire(raw, t, "");
  } catch (err) {
    if (err instanceof WireValueError) return err;
    throw err;
  }
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

function toWire(v: Value, t: Type): unknown {
  if (t.kind === "dynamic" && v.type.kind !== "dynamic") {
    return [new TextEncoder().encode(typeToJSONText(v.type)), toWire(v, v.type)];
  }
  if (v.raw === UNKNOWN) return new ExtData(unknownExtType, unknownPayload);
  if (v.raw === NULL) return null;
  switch (t.kind) {
    case "string":
      return v.raw as string;
    case "bool":
      return v.raw as boolean;
    case "number":
      return numberToWire(v.raw as BigFloat);
    case "list":
    case "set":
      return (v.raw as readonly Value[]).map((e) => toWire(e, t.elem));
    case "tuple":
      return (v.raw as readonly Value[]).map((e, i) => toWire(e, t.elems[i]!));
    case "map": {
      const out: Record<string, unknown> = Object.create(null);
      for (const [k, e] of v.raw as ReadonlyMap<string, Value>) out[k] = toWire(e, t.elem);
      return out;
    }
    case "object": {
      const m = v.raw as ReadonlyMap<string, Value>;
      const out: Record<string, unknown> = Object.create(null);
      for (const [k, at] of t.attrs) out[k] = toWire(m.get(k) ?? nullVal(at), at);
      return out;
    }
    case "dynamic":
      // A value whose own type is dynamic is null or unknown, handled above.
      throw new Error("bug: a known value of dynamic type");
  }
}

function numberToWire(d: BigFloat): unknown {
  if (!d.isFinite()) return d.isNegative() ? -Infinity : Infinity;
  if (d.isInteger()) {
    const b = d.truncToBigInt();
    if (b >= int64Min && b <= int64Max) return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  // A float64 when it holds the number exactly (go-cty's Float64() with big.Exact), else the decimal text.
  const f = d.toNumber();
  if (Number.isFinite(f) && BigFloat.fromNumber(f).eq(d)) return f;
  return d.toString();
}

function fromWire(raw: unknown, t: Type, path: string): Value {
  if (raw instanceof ExtData) return unknownFromWire(raw, t, path);
  if (raw === null || raw === undefined) return nullVal(t);
  switch (t.kind) {
    case "dynamic": {
      if (!Array.isArray(raw) || raw.length !== 2 || !(raw[0] instanceof Uint8Array)) fail(path, "a dynamically-typed value must be [type, value]");
      let typeJSON: unknown;
      try {
        typeJSON = JSON.parse(new TextDecoder().decode(raw[0] as Uint8Array));
      } catch {
        fail(path, "the type of a dynamic value is not JSON");
      }
      const tr = typeFromJSON(typeJSON);
      if (!tr.ok) fail(path, tr.message);
      return fromWire(raw[1], tr.type, path);
    }
    case "string":
      if (typeof raw !== "string") fail(path, "string required");
      return stringVal(raw);
    case "bool":
      if (typeof raw !== "boolean") fail(path, "bool required");
      return boolVal(raw);
    case "number":
      return numberFromWire(raw, path);
    case "list":
    case "set":
    case "tuple": {
      if (!Array.isArray(raw)) fail(path, `${t.kind} required`);
      if (t.kind === "tuple") {
        if (raw.length !== t.elems.length) fail(path, `tuple of ${t.elems.length} elements required`);
        const elems = raw.map((e, i) => fromWire(e, t.elems[i]!, `${path}[${i}]`));
        return new ValueClass(t, elems);
      }
      const elems = raw.map((e, i) => fromWire(e, t.elem, `${path}[${i}]`));
      if (t.kind === "set") return elems.length === 0 ? setValEmpty(t.elem) : retype(setVal(elems), t);
      return new ValueClass(t, elems);
    }
    case "map": {
      const entries = mapEntries(raw, path);
      const out = new Map<string, Value>();
      for (const [k, e] of entries) out.set(k, fromWire(e, t.elem, `${path}[${JSON.stringify(k)}]`));
      return new ValueClass(t, sortedMap(out));
    }
    case "object":
      return objectFromWire(raw, t, path);
  }
}

/**
 * An object against its type. Every call decodes several objects, so this reads the decoded map in place
 * (no copy of its entries) and, when the type's attributes come in key order as a Value's must, builds the
 * value of the wanted type directly (no type rebuilt from the attributes' values and compared with it).
 */
function objectFromWire(raw: unknown, t: Type & { kind: "object" }, path: string): Value {
  let field: (name: string) => unknown;
  let fields = 0;
  if (raw instanceof Map) {
    for (const k of raw.keys()) if (typeof k !== "string") fail(path, "map keys must be strings");
    field = (name) => raw.get(name);
    fields = raw.size;
  } else if (typeof raw === "object" && raw !== null && !Array.isArray(raw) && !(raw instanceof Uint8Array)) {
    const record = raw as Record<string, unknown>;
    field = (name) => (Object.hasOwn(record, name) ? record[name] : undefined);
    for (const k in record) if (Object.hasOwn(record, k)) fields++;
  } else {
    return fail(path, "object or map required");
  }
  const out = new Map<string, Value>();
  let present = 0;
  let ordered = true;
  let previous: string | undefined;
  for (const [k, at] of t.attrs) {
    const e = field(k);
    if (e !== undefined) present++;
    out.set(k, fromWire(e, at, `${path}.${k}`));
    if (previous !== undefined && !(previous < k)) ordered = false;
    previous = k;
  }
  if (present !== fields) {
    const names = raw instanceof Map ? [...raw.keys()] : Object.keys(raw as object);
    for (const k of names) if (!t.attrs.has(k as string)) fail(path, `unsupported attribute "${String(k)}"`);
  }
  if (!ordered || out.size === 0 || t.optional !== undefined || t.defaults !== undefined) return retype(objectValOwning(out), t);
  return new ValueClass(t, out);
}

/** Keeps the wanted type where the built value's own type is only as precise as its elements. */
function retype(v: Value, t: Type): Value {
  return typeEquals(v.type, t) ? v : new ValueClass(t, v.raw);
}

function mapEntries(raw: unknown, path: string): [string, unknown][] {
  if (raw instanceof Map) {
    const out: [string, unknown][] = [];
    for (const [k, v] of raw) {
      if (typeof k !== "string") fail(path, "map keys must be strings");
      out.push([k, v]);
    }
    return out;
  }
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw) && !(raw instanceof Uint8Array)) return Object.entries(raw);
  return fail(path, "object or map required");
}

function numberFromWire(raw: unknown, path: string): Value {
  if (typeof raw === "number") {
    if (Number.isNaN(raw)) fail(path, "NaN is not a number value");
    // The float64's exact binary value, as go-cty's NumberFloatVal holds it.
    return numberVal(Number.isSafeInteger(raw) ? BigFloat.fromBigInt(BigInt(raw)) : BigFloat.fromNumber(raw));
  }
  if (typeof raw === "bigint") return numberVal(BigFloat.fromBigInt(raw));
  if (typeof raw === "string") {
    const d = BigFloat.parse(raw);
    if (d === undefined) return fail(path, `"${raw}" is not a number`);
    return numberVal(d);
  }
  return fail(path, "number required");
}

function unknownFromWire(ext: ExtData, t: Type, path: string): Value {
  // The decoder always hands over the payload's bytes (a function only appears in encoders' hands).
  const data = ext.data instanceof Uint8Array ? ext.data : new Uint8Array();
  if (data.length <= 1) return unknownVal(t);
  if (ext.type !== refinedUnknownExtType) fail(path, `unsupported extension type ${ext.type}`);
  if (data.length > maxRefinementBytes) fail(path, "oversize unknown value refinement");
  let refinements: unknown;
  try {
    refinements = new Decoder().decode(data);
  } catch {
    fail(path, "malformed unknown value refinement");
  }
  if (!(refinements instanceof Map) && (typeof refinements !== "object" || refinements === null)) fail(path, "unknown value refinement is not a map");
  return unknownVal(t.kind === "number" ? NumberType : t);
}

function fail(path: string, message: string): never {
  throw new WireValueError(path === "" ? message : `${path.replace(/^\./, "")}: ${message}`);
}
