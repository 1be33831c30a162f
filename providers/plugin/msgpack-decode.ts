// Decoding a dynamic value read from the plugin protocol against its type (msgpack-values.ts has the format):
// a single pass over the bytes that builds the Value as it goes, and refuses what @msgpack/msgpack's decoder
// refused (the generic decoder this replaced) as well as what does not conform to the type, with the path to
// it. Strings read as that decoder read them, so a payload that is not UTF-8 reads as it always has.

import { BigFloat } from "../../lang/values/bigfloat.js";
import { typeFromJSON } from "../../lang/values/json.js";
import { setVal } from "../../lang/values/set.js";
import { NumberType, type ObjectType, type Type, typeEquals } from "../../lang/values/types.js";
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
} from "../../lang/values/value.js";
import { layoutOf, WireValueError } from "./msgpack-values.js";

const refinedUnknownExtType = 12;
const timestampExtType = -1;
const maxRefinementBytes = 1024;

const empty = Buffer.alloc(0);
let src: Buffer = empty;
let pos = 0;
/** The attribute and element steps to where the decoder is, for messages. */
const steps: string[] = [];

class Malformed extends Error {}

/** Decodes a msgpack payload against `t`; a WireValueError for a payload that does not conform. */
export function decodeValue(bytes: Uint8Array, t: Type): Value | WireValueError {
  src = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  pos = 0;
  steps.length = 0;
  try {
    const v = readValue(t);
    if (pos !== src.length) throw new Malformed(`Extra ${src.length - pos} of ${src.length} byte(s) found at buffer[${pos}]`);
    return v;
  } catch (err) {
    if (err instanceof WireValueError) return err;
    // A RangeError would be a read past the end that a bounds check missed: still the peer's malformed value.
    if (err instanceof Malformed || err instanceof RangeError) return new WireValueError(`malformed msgpack value: ${err.message}`);
    throw err;
  } finally {
    src = empty;
  }
}

function need(n: number): void {
  if (pos + n > src.length) throw new Malformed("Insufficient data");
}

function fail(message: string): never {
  const path = steps.join("");
  throw new WireValueError(path === "" ? message : `${path.replace(/^\./, "")}: ${message}`);
}

function readValue(t: Type): Value {
  need(1);
  const b = src[pos]!;
  if (isExtension(b)) return readExtension(t);
  if (b === 0xc0) {
    pos++;
    return nullVal(t);
  }
  switch (t.kind) {
    case "dynamic": {
      if (arrayLength() !== 2) fail("a dynamically-typed value must be [type, value]");
      const typeBytes = binary();
      if (typeBytes === undefined) fail("a dynamically-typed value must be [type, value]");
      let typeJSON: unknown;
      try {
        typeJSON = JSON.parse(typeBytes.toString("utf8"));
      } catch {
        fail("the type of a dynamic value is not JSON");
      }
      const tr = typeFromJSON(typeJSON);
      if (!tr.ok) fail(tr.message);
      return readValue(tr.type);
    }
    case "string": {
      const s = string();
      if (s === undefined) fail("string required");
      return stringVal(s);
    }
    case "bool":
      if (b !== 0xc2 && b !== 0xc3) fail("bool required");
      pos++;
      return boolVal(b === 0xc3);
    case "number":
      return readNumber();
    case "list":
    case "set":
    case "tuple": {
      const n = arrayLength();
      if (n === undefined) fail(`${t.kind} required`);
      if (t.kind === "tuple" && n !== t.elems.length) fail(`tuple of ${t.elems.length} elements required`);
      const elems: Value[] = new Array<Value>(n);
      for (let i = 0; i < n; i++) {
        steps.push(`[${i}]`);
        elems[i] = readValue(t.kind === "tuple" ? t.elems[i]! : t.elem);
        steps.pop();
      }
      if (t.kind === "set") return elems.length === 0 ? setValEmpty(t.elem) : retype(setVal(elems), t);
      return new ValueClass(t, elems);
    }
    case "map": {
      const n = mapLength();
      if (n === undefined) fail("object or map required");
      const entries = new Map<string, Value>();
      for (let i = 0; i < n; i++) {
        const k = key();
        steps.push(`[${JSON.stringify(k)}]`);
        entries.set(k, readValue(t.elem));
        steps.pop();
      }
      return new ValueClass(t, sortedMap(entries));
    }
    case "object": {
      const n = mapLength();
      if (n === undefined) fail("object or map required");
      return readObject(t, n);
    }
  }
}

/** An object of `t` from the `n` entries of a map at `pos`. */
function readObject(t: ObjectType, n: number): Value {
  const l = layoutOf(t);
  const values = new Array<Value | undefined>(l.names.length);
  let unsupported: string | undefined;
  for (let i = 0; i < n; i++) {
    const k = key();
    const j = l.index.get(k);
    if (j === undefined) {
      unsupported ??= k;
      skip();
      continue;
    }
    steps.push(`.${k}`);
    values[j] = readValue(l.types[j]!);
    steps.pop();
  }
  if (unsupported !== undefined) fail(`unsupported attribute "${unsupported}"`);
  const m = new Map<string, Value>();
  for (let j = 0; j < l.names.length; j++) m.set(l.names[j]!, values[j] ?? nullVal(l.types[j]!));
  if (l.ordered !== undefined) return new ValueClass(l.ordered, m);
  if (!l.inKeyOrder || m.size === 0 || t.optional !== undefined || t.defaults !== undefined) return retype(objectValOwning(m), t);
  return new ValueClass(t, m);
}

/** Keeps the wanted type where the built value's own type is only as precise as its elements. */
function retype(v: Value, t: Type): Value {
  return typeEquals(v.type, t) ? v : new ValueClass(t, v.raw);
}

function isExtension(b: number): boolean {
  return (b >= 0xd4 && b <= 0xd8) || (b >= 0xc7 && b <= 0xc9);
}

/** An extension's type and payload at `pos` (read); a timestamp (-1) of a size it cannot have is malformed. */
function extension(): { readonly type: number; readonly data: Buffer } {
  const b = src[pos++]!;
  let n: number;
  if (b >= 0xd4 && b <= 0xd8) n = 1 << (b - 0xd4);
  else {
    const w = b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4;
    need(w);
    n = w === 1 ? src[pos]! : w === 2 ? src.readUInt16BE(pos) : src.readUInt32BE(pos);
    pos += w;
  }
  need(1 + n);
  const type = src.readInt8(pos);
  const data = src.subarray(pos + 1, pos + 1 + n);
  pos += 1 + n;
  if (type === timestampExtType && n !== 4 && n !== 8 && n !== 12) throw new Malformed(`Unrecognized data size for timestamp (expected 4, 8, or 12): ${n}`);
  return { type, data };
}

/**
 * An extension where a value of `t` is: an unknown. A timestamp (msgpack's extension -1, which no peer sends
 * for a value) reads as msgpack's decoder made it, an object without fields: an empty map or object.
 */
function readExtension(t: Type): Value {
  const { type, data } = extension();
  if (type === timestampExtType) {
    if (t.kind === "map") return new ValueClass(t, new Map());
    switch (t.kind) {
      case "object":
        return readObject(t, 0);
      case "dynamic":
        return fail("a dynamically-typed value must be [type, value]");
      case "list":
      case "set":
      case "tuple":
      case "string":
      case "number":
      case "bool":
        return fail(`${t.kind} required`);
    }
  }
  if (data.length <= 1) return unknownVal(t);
  if (type !== refinedUnknownExtType) fail(`unsupported extension type ${type}`);
  if (data.length > maxRefinementBytes) fail("oversize unknown value refinement");
  // The refinements (a map) are read only to check they are well formed: Cairn keeps none of them.
  const outer = { src, pos };
  src = data;
  pos = 0;
  try {
    const first = src[0]!;
    const container = (first >= 0x80 && first <= 0x9f) || (first >= 0xdc && first <= 0xdf) || (first >= 0xc4 && first <= 0xc6) || isExtension(first);
    skip();
    if (pos !== src.length) throw new Malformed("extra bytes");
    if (!container) fail("unknown value refinement is not a map");
  } catch (err) {
    if (err instanceof Malformed || err instanceof RangeError) fail("malformed unknown value refinement");
    throw err;
  } finally {
    src = outer.src;
    pos = outer.pos;
  }
  return unknownVal(t.kind === "number" ? NumberType : t);
}

function readNumber(): Value {
  const b = src[pos]!;
  if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3) || b === 0xca || b === 0xcb) {
    const n = scalarNumber();
    if (typeof n === "bigint") return numberVal(BigFloat.fromBigInt(n));
    if (Number.isNaN(n)) fail("NaN is not a number value");
    // The float64's exact binary value, as go-cty's NumberFloatVal holds it.
    return numberVal(Number.isSafeInteger(n) ? BigFloat.fromBigInt(BigInt(n)) : BigFloat.fromNumber(n));
  }
  const s = string();
  if (s === undefined) fail("number required");
  const d = BigFloat.parse(s);
  if (d === undefined) fail(`"${s}" is not a number`);
  return numberVal(d);
}

/** An integer or float at `pos` (the caller checked the type byte); 64-bit integers as bigints. */
function scalarNumber(): number | bigint {
  const b = src[pos++]!;
  if (b <= 0x7f) return b;
  if (b >= 0xe0) return b - 0x100;
  const width = b === 0xca ? 4 : b === 0xcb ? 8 : 1 << ((b - 0xcc) & 3);
  need(width);
  const p = pos;
  pos += width;
  switch (b) {
    case 0xca:
      return src.readFloatBE(p);
    case 0xcb:
      return src.readDoubleBE(p);
    case 0xcc:
      return src[p]!;
    case 0xcd:
      return src.readUInt16BE(p);
    case 0xce:
      return src.readUInt32BE(p);
    case 0xcf:
      return src.readBigUInt64BE(p);
    case 0xd0:
      return src.readInt8(p);
    case 0xd1:
      return src.readInt16BE(p);
    case 0xd2:
      return src.readInt32BE(p);
    default:
      return src.readBigInt64BE(p);
  }
}

/** A string at `pos`, or undefined (nothing read) when there is none. */
function string(): string | undefined {
  const b = src[pos]!;
  let n: number;
  let w: number;
  if (b >= 0xa0 && b <= 0xbf) {
    n = b - 0xa0;
    w = 0;
  } else if (b >= 0xd9 && b <= 0xdb) {
    w = 1 << (b - 0xd9);
    need(1 + w);
    n = w === 1 ? src[pos + 1]! : w === 2 ? src.readUInt16BE(pos + 1) : src.readUInt32BE(pos + 1);
  } else return undefined;
  const start = pos + 1 + w;
  pos = start;
  need(n);
  pos = start + n;
  return n <= 200 ? utf8Read(start, start + n) : textDecoder.decode(src.subarray(start, start + n));
}

const textDecoder = new TextDecoder();

/**
 * UTF-8 as @msgpack/msgpack reads strings of up to 200 bytes (TextDecoder past that): byte by byte, each
 * sequence taken by its lead byte without checking the rest, so that a payload that is not UTF-8 reads as it
 * always has.
 */
function utf8Read(start: number, end: number): string {
  let ascii = true;
  for (let i = start; ascii && i < end; i++) if (src[i]! >= 0x80) ascii = false;
  if (ascii) return src.toString("latin1", start, end);
  const units: number[] = [];
  let i = start;
  while (i < end) {
    const b1 = src[i++]!;
    if ((b1 & 0x80) === 0) units.push(b1);
    else if ((b1 & 0xe0) === 0xc0) units.push(((b1 & 0x1f) << 6) | (src[i++]! & 0x3f));
    else if ((b1 & 0xf0) === 0xe0) {
      const b2 = src[i++]! & 0x3f;
      const b3 = src[i++]! & 0x3f;
      units.push(((b1 & 0x1f) << 12) | (b2 << 6) | b3);
    } else if ((b1 & 0xf8) === 0xf0) {
      const b2 = src[i++]! & 0x3f;
      const b3 = src[i++]! & 0x3f;
      const b4 = src[i++]! & 0x3f;
      let unit = ((b1 & 0x07) << 0x12) | (b2 << 0x0c) | (b3 << 0x06) | b4;
      if (unit > 0xffff) {
        unit -= 0x10000;
        units.push(((unit >>> 10) & 0x3ff) | 0xd800);
        unit = 0xdc00 | (unit & 0x3ff);
      }
      units.push(unit);
    } else units.push(b1);
  }
  return String.fromCharCode(...units);
}

function binary(): Buffer | undefined {
  need(1);
  const b = src[pos]!;
  if (b < 0xc4 || b > 0xc6) return undefined;
  const w = 1 << (b - 0xc4);
  need(1 + w);
  const n = w === 1 ? src[pos + 1]! : w === 2 ? src.readUInt16BE(pos + 1) : src.readUInt32BE(pos + 1);
  pos += 1 + w;
  need(n);
  pos += n;
  return src.subarray(pos - n, pos);
}

/** An array header's length at `pos` (read), or undefined (nothing read) when there is none. */
function arrayLength(): number | undefined {
  return sizeAt(0x90, 0xdc);
}

function mapLength(): number | undefined {
  return sizeAt(0x80, 0xde);
}

/** A container's size: a fix form (`fix` + 0..15) or a 16- or 32-bit one (`wide16`, the byte after). */
function sizeAt(fix: number, wide16: number): number | undefined {
  const b = src[pos]!;
  if (b >= fix && b <= fix + 15) {
    pos++;
    return b - fix;
  }
  if (b === wide16 || b === wide16 + 1) return wideLength(b === wide16 ? 2 : 4);
  return undefined;
}

function wideLength(w: number): number {
  need(1 + w);
  const n = w === 2 ? src.readUInt16BE(pos + 1) : src.readUInt32BE(pos + 1);
  pos += 1 + w;
  // Every element takes at least a byte: a length past the payload is malformed, not an allocation.
  if (n > src.length - pos) throw new Malformed("Insufficient data");
  return n;
}

/** A map key: a string, or a number read as its text (as the msgpack decoder makes keys of objects). */
function key(): string {
  need(1);
  const s = string();
  if (s !== undefined) {
    if (s === "__proto__") throw new Malformed("The key __proto__ is not allowed");
    return s;
  }
  const b = src[pos]!;
  if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3) || b === 0xca || b === 0xcb) {
    const n = scalarNumber();
    if (typeof n === "number") return String(n);
  }
  throw new Malformed("The type of key must be string or number");
}

/**
 * Steps over one value of any type (an attribute the type does not have, a refinement), refusing what
 * msgpack's decoder refuses: map keys other than strings and numbers, "__proto__", a timestamp's wrong size.
 * Iterative (a stack of counts, not of calls), so a deeply nested payload costs no call stack.
 */
function skip(): void {
  const left: number[] = [1];
  const isMap: boolean[] = [false];
  while (left.length > 0) {
    const top = left.length - 1;
    if (left[top] === 0) {
      left.pop();
      isMap.pop();
      continue;
    }
    // A map's items alternate key, value: counted down from 2n, a key is at an even count.
    const isKey = isMap[top]! && left[top]! % 2 === 0;
    left[top]!--;
    if (isKey) {
      key();
      continue;
    }
    need(1);
    const b = src[pos]!;
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) {
      pos++;
    } else if ((b >= 0xcc && b <= 0xd3) || b === 0xca || b === 0xcb) {
      scalarNumber();
    } else if (isExtension(b)) {
      extension();
    } else if (string() === undefined && binary() === undefined) {
      const a = arrayLength();
      if (a !== undefined) {
        left.push(a);
        isMap.push(false);
        continue;
      }
      const m = mapLength();
      if (m === undefined) throw new Malformed(`Unrecognized type byte: 0x${b.toString(16)}`);
      left.push(2 * m);
      isMap.push(true);
    }
  }
}
