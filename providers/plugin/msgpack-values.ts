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
//
// Values are written to and read from the bytes directly, against the type: every plugin call encodes and
// decodes several objects, and going through a generic msgpack document (a decoded map, or a record built
// to be encoded with its keys sorted) cost several times the conversion itself. The bytes are those of
// @msgpack/msgpack's encoder with sorted keys and 64-bit integers as bigints (test/providers/plugin checks
// them against it): safe integers within 32 bits as the smallest integer, other safe integers as float64.

import { BigFloat } from "../../lang/values/bigfloat.js";
import { typeToJSONText } from "../../lang/values/json.js";
import { hasDynamicTypes, type ObjectType, type Type } from "../../lang/values/types.js";
import { type Value, nullVal, sortedMap, NULL, UNKNOWN } from "../../lang/values/value.js";

/** A problem with a value a peer sent: a diagnostic for the caller, never an exception. */
export class WireValueError {
  constructor(readonly message: string) {}
}

/**
 * An object type's attributes in key order (the order on the wire and in a Value), and the type a decoded
 * object gets: the type itself when its attributes are in key order, else the same type with them in order.
 * Made once per type (schemas' implied types live as long as their provider).
 */
export interface ObjectLayout {
  readonly names: readonly string[];
  readonly types: readonly Type[];
  readonly index: ReadonlyMap<string, number>;
  /** Set when every decoded object of this type has exactly `ordered` as its type (no dynamic parts inside). */
  readonly ordered: ObjectType | undefined;
  readonly inKeyOrder: boolean;
}
const layouts = new WeakMap<ObjectType, ObjectLayout>();
// The last one asked for, checked first: a plugin's calls are mostly about one resource type, and a WeakMap
// lookup costs more than the comparison.
let lastType: ObjectType | undefined;
let lastLayout: ObjectLayout | undefined;

export function layoutOf(t: ObjectType): ObjectLayout {
  if (t === lastType) return lastLayout!;
  let l = layouts.get(t);
  if (l === undefined) l = makeLayout(t);
  lastType = t;
  lastLayout = l;
  return l;
}

function makeLayout(t: ObjectType): ObjectLayout {
  const names = [...t.attrs.keys()].sort();
  const inKeyOrder = [...t.attrs.keys()].every((n, i) => n === names[i]);
  const types = names.map((n) => t.attrs.get(n)!);
  const plain = names.length > 0 && t.optional === undefined && t.defaults === undefined && !hasDynamicTypes(t);
  const ordered = !plain ? undefined : inKeyOrder ? t : ({ kind: "object", attrs: new Map(names.map((n, i) => [n, types[i]!])) } as ObjectType);
  const l = { names, types, index: new Map(names.map((n, i) => [n, i])), ordered, inKeyOrder };
  layouts.set(t, l);
  return l;
}

// ---- encoding ----------------------------------------------------------------------------------------

let out = Buffer.allocUnsafe(4096);
let at = 0;

function room(n: number): void {
  if (at + n <= out.length) return;
  const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, at + n));
  out.copy(bigger, 0, 0, at);
  out = bigger;
}

/** The value's msgpack encoding against `t` (the schema's implied type, or the value's own). */
export function encodeValue(v: Value, t: Type): Uint8Array {
  at = 0;
  writeValue(v, t);
  return new Uint8Array(out.subarray(0, at));
}

function writeValue(v: Value, t: Type): void {
  if (t.kind === "dynamic" && v.type.kind !== "dynamic") {
    room(1);
    out[at++] = 0x92;
    writeBinary(Buffer.from(typeToJSONText(v.type), "utf8"));
    writeValue(v, v.type);
    return;
  }
  if (v.raw === UNKNOWN) {
    room(3);
    out[at++] = 0xd4;
    out[at++] = 0;
    out[at++] = 0;
    return;
  }
  if (v.raw === NULL) {
    room(1);
    out[at++] = 0xc0;
    return;
  }
  switch (t.kind) {
    case "string":
      writeString(v.raw as string);
      return;
    case "bool":
      room(1);
      out[at++] = (v.raw as boolean) ? 0xc3 : 0xc2;
      return;
    case "number":
      writeNumber(v.raw as BigFloat);
      return;
    case "list":
    case "set":
    case "tuple": {
      const elems = v.raw as readonly Value[];
      writeSize(elems.length, 0x90, 16, 0, 0xdc);
      for (let i = 0; i < elems.length; i++) writeValue(elems[i]!, t.kind === "tuple" ? t.elems[i]! : t.elem);
      return;
    }
    case "map": {
      const m = v.raw as ReadonlyMap<string, Value>;
      writeSize(m.size, 0x80, 16, 0, 0xde);
      // A Value's map is in key order already; sorted here only should one not be.
      let previous: string | undefined;
      let inOrder = true;
      m.forEach((_e, k) => {
        if (previous !== undefined && !(previous < k)) inOrder = false;
        previous = k;
      });
      for (const [k, e] of inOrder ? m : sortedMap(m)) {
        writeString(k);
        writeValue(e, t.elem);
      }
      return;
    }
    case "object": {
      const m = v.raw as ReadonlyMap<string, Value>;
      const l = layoutOf(t);
      writeSize(l.names.length, 0x80, 16, 0, 0xde);
      for (let i = 0; i < l.names.length; i++) {
        const k = l.names[i]!;
        writeString(k);
        writeValue(m.get(k) ?? nullVal(l.types[i]!), l.types[i]!);
      }
      return;
    }
    case "dynamic":
      // A value whose own type is dynamic is null or unknown, handled above.
      throw new Error("bug: a known value of dynamic type");
  }
}

/**
 * A size header: the fix form (`fix` + n) below `fixLimit`, else the 8-bit form when there is one (`wide8`,
 * 0 for none), else `wide16` or the 32-bit form after it.
 */
function writeSize(n: number, fix: number, fixLimit: number, wide8: number, wide16: number): void {
  room(5);
  if (n < fixLimit) {
    out[at++] = fix + n;
  } else if (wide8 !== 0 && n < 0x100) {
    out[at++] = wide8;
    out[at++] = n;
  } else if (n < 0x10000) {
    out[at++] = wide16;
    out.writeUInt16BE(n, at);
    at += 2;
  } else {
    out[at++] = wide16 + 1;
    out.writeUInt32BE(n, at);
    at += 4;
  }
}

function writeString(s: string): void {
  // UTF-8 as @msgpack/msgpack writes it: its own loop up to 50 code units (a lone surrogate as three bytes of
  // its code unit), TextEncoder past that (U+FFFD), and the same byte count either way.
  let ascii = s.length <= 64;
  for (let i = 0; ascii && i < s.length; i++) if (s.charCodeAt(i) >= 0x80) ascii = false;
  const n = ascii ? s.length : s.length <= 50 ? utf8Count(s) : Buffer.byteLength(s, "utf8");
  writeSize(n, 0xa0, 32, 0xd9, 0xda);
  room(n);
  if (ascii) {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
    at += n;
  } else if (s.length <= 50) {
    utf8Write(s);
  } else {
    out.write(s, at, n, "utf8");
    at += n;
  }
}

/** The UTF-8 length of `s`, a lone surrogate counted as three bytes. */
function utf8Count(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function utf8Write(s: string): void {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
      continue;
    }
    if (c < 0x800) {
      out[at++] = ((c >> 6) & 0x1f) | 0xc0;
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = ((c & 0x3ff) << 10) + (s.charCodeAt(++i) & 0x3ff) + 0x10000;
        out[at++] = ((c >> 18) & 0x07) | 0xf0;
        out[at++] = ((c >> 12) & 0x3f) | 0x80;
      } else out[at++] = ((c >> 12) & 0x0f) | 0xe0;
      out[at++] = ((c >> 6) & 0x3f) | 0x80;
    }
    out[at++] = (c & 0x3f) | 0x80;
  }
}

function writeBinary(b: Uint8Array): void {
  writeSize(b.length, 0, 0, 0xc4, 0xc5);
  room(b.length);
  out.set(b, at);
  at += b.length;
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const safeMin = BigInt(Number.MIN_SAFE_INTEGER);
const safeMax = BigInt(Number.MAX_SAFE_INTEGER);

function writeNumber(d: BigFloat): void {
  room(9);
  if (!d.isFinite()) return writeFloat(d.isNegative() ? -Infinity : Infinity);
  if (d.isInteger()) {
    const b = d.truncToBigInt();
    if (b >= int64Min && b <= int64Max) {
      if (b < safeMin || b > safeMax) {
        out[at++] = b >= 0n ? 0xcf : 0xd3;
        if (b >= 0n) out.writeBigUInt64BE(b, at);
        else out.writeBigInt64BE(b, at);
        at += 8;
        return;
      }
      return writeSafeInteger(Number(b));
    }
  }
  // A float64 when it holds the number exactly (go-cty's Float64() with big.Exact), else the decimal text.
  const f = d.toNumber();
  if (Number.isFinite(f) && BigFloat.fromNumber(f).eq(d)) return writeFloat(f);
  writeString(d.toString());
}

function writeSafeInteger(n: number): void {
  if (n >= 0) {
    if (n < 0x80) out[at++] = n;
    else if (n < 0x100) {
      out[at++] = 0xcc;
      out[at++] = n;
    } else if (n < 0x10000) {
      out[at++] = 0xcd;
      out.writeUInt16BE(n, at);
      at += 2;
    } else if (n < 0x100000000) {
      out[at++] = 0xce;
      out.writeUInt32BE(n, at);
      at += 4;
    } else writeFloat(n);
  } else {
    if (n >= -0x20) out[at++] = 0xe0 | (n + 0x20);
    else if (n >= -0x80) {
      out[at++] = 0xd0;
      out.writeInt8(n, at);
      at += 1;
    } else if (n >= -0x8000) {
      out[at++] = 0xd1;
      out.writeInt16BE(n, at);
      at += 2;
    } else if (n >= -0x80000000) {
      out[at++] = 0xd2;
      out.writeInt32BE(n, at);
      at += 4;
    } else writeFloat(n);
  }
}

function writeFloat(f: number): void {
  out[at++] = 0xcb;
  out.writeDoubleBE(f, at);
  at += 8;
}
