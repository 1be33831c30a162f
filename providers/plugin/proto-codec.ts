// Protocol buffers between the protocol's messages and plain objects, in one pass each way, from the
// description of the protocol's .proto files made at build time (proto-descriptor.ts). It produces exactly what
// protobufjs's `encode(fromObject(value))` and `toObject(decode(bytes), { longs: Number, enums: Number,
// defaults: true, oneofs: true })` produce, which is what the rest of this folder is written against
// (wire.ts): the same bytes, and the same objects.
//
// Why not protobufjs's own: those conversions build a message instance on the way and copy it again (every
// field, every call, on both ends of every RPC), and generate and compile four functions per message type on
// first use; and parsing the .proto files with it at start-up took ~55 ms of CPU in each process, on the
// critical path of a plugin's start. Here a type's plan is a list of its fields, made from the description
// without compiling code, and nothing of protobufjs is loaded.
//
// What the plugin protocol's .proto files use is supported: string, bytes, bool, int32, uint32, int64,
// uint64 and enum scalars, messages, repeated messages, maps with string keys, and oneofs. A type with
// anything else is refused when its plan is made (tests make every type's plan), not mis-encoded later.
// Decoding is bounded as protobufjs's is: nesting deeper than 100 messages is refused, as is a length that
// runs past its message. It is stricter where protobufjs reads malformed input anyway: a string that runs
// past its message's end (protobufjs cuts it there), a varint cut off by the end of the input (protobufjs
// reads past it), and a known field with another wire type than its declaration's are refused.

import { longBits } from "./long-value.js";
import type { ProtoField, ProtoFile } from "./proto-descriptor.js";

const recursionLimit = 100;

const enum Kind {
  String,
  Bytes,
  Bool,
  Int32,
  Uint32,
  Int64,
  Uint64,
  Enum,
  Message,
}

const enum Shape {
  Single,
  Repeated,
  Map,
}

const scalarKinds: Readonly<Record<string, Kind>> = {
  string: Kind.String,
  bytes: Kind.Bytes,
  bool: Kind.Bool,
  int32: Kind.Int32,
  uint32: Kind.Uint32,
  int64: Kind.Int64,
  uint64: Kind.Uint64,
};

interface FieldPlan {
  readonly name: string;
  readonly fullName: string;
  readonly id: number;
  readonly kind: Kind;
  readonly shape: Shape;
  /** The wire type of one value of the field (a map's entries are always 2, length-delimited). */
  readonly wireType: number;
  /** The field's tag as written: its number and the wire type of one value (of one entry, for a map). */
  readonly tag: number;
  /** The value of an absent field in a decoded object (`defaults: true`); unused for messages and lists. */
  readonly defaultValue: unknown;
  /** For enums: the values by name, for objects that name them (as protobufjs's fromObject accepts). */
  readonly enumValues: Readonly<Record<string, number>> | undefined;
  /** For messages, and maps of messages: filled in after the plan is made (types may refer to themselves). */
  message: TypePlan | undefined;
  /** For a oneof member: the oneof's name. */
  readonly oneof: string | undefined;
  /** The field's position in the type's fields (by number). */
  readonly order: number;
}

interface TypePlan {
  readonly fullName: string;
  /** In field number order: the order protobufjs writes them in. */
  readonly fields: readonly FieldPlan[];
  /** Indexed by field number. */
  readonly byId: readonly (FieldPlan | undefined)[];
  /**
   * What a decoded object starts as, copied: toObject's defaults (lists, then maps, then the others, oneof
   * members left out), with the lists and maps made anew for each object (`fresh`).
   */
  readonly template: Readonly<Record<string, unknown>>;
  readonly fresh: readonly FieldPlan[];
}

/** Field numbers index an array: the protocol's are small, and a larger one is refused with the type. */
const maxFieldNumber = 4096;

/** Each file's plans by type name, made on first use. */
const plans = new WeakMap<ProtoFile, Map<string, TypePlan>>();

export interface MessageCodec {
  readonly encode: (value: object) => Buffer;
  readonly decode: (bytes: Uint8Array) => object;
}

/**
 * The codec of a message type of a described file (whose plan, and its fields' types', are made now:
 * unsupported fields throw).
 */
export function messageCodec(file: ProtoFile, typeName: string): MessageCodec {
  let filePlans = plans.get(file);
  if (filePlans === undefined) plans.set(file, (filePlans = new Map()));
  const plan = planOf(file, filePlans, typeName);
  return {
    encode: (value) => encodeTop(plan, value),
    decode: (bytes) => decodeTop(plan, bytes),
  };
}

function planOf(file: ProtoFile, filePlans: Map<string, TypePlan>, typeName: string): TypePlan {
  const known = filePlans.get(typeName);
  if (known !== undefined) return known;
  const declared = Object.hasOwn(file.messages, typeName) ? file.messages[typeName] : undefined;
  if (declared === undefined) throw new Error(`${typeName}: no such message type`);
  const sorted = [...declared].sort((a, b) => a.id - b.id);
  const fields = sorted.map((f, order) => fieldPlan(file, typeName, f, order));
  const byId: (FieldPlan | undefined)[] = [];
  for (const f of fields) byId[f.id] = f;
  const template: Record<string, unknown> = {};
  const fresh = [...fields.filter((f) => f.oneof === undefined && f.shape === Shape.Repeated), ...fields.filter((f) => f.oneof === undefined && f.shape === Shape.Map)];
  for (const f of fresh) template[f.name] = null;
  for (const f of fields) if (f.oneof === undefined && f.shape === Shape.Single) template[f.name] = f.defaultValue;
  const plan: TypePlan = { fullName: typeName, fields, byId: Array.from(byId), template, fresh };
  filePlans.set(typeName, plan);
  for (let i = 0; i < sorted.length; i++) {
    if (fields[i]!.kind === Kind.Message) fields[i]!.message = planOf(file, filePlans, sorted[i]!.type);
  }
  return plan;
}

function fieldPlan(file: ProtoFile, typeName: string, f: ProtoField, order: number): FieldPlan {
  const fullName = `${typeName}.${f.name}`;
  const unsupported = (what: string): Error => new Error(`${fullName}: ${what} is not supported by the plugin protocol's codec`);
  if (f.id > maxFieldNumber) throw unsupported(`a field number over ${maxFieldNumber}`);
  if (f.delimited === true) throw unsupported("a group");
  const enumValues = Object.hasOwn(file.enums, f.type) ? file.enums[f.type] : undefined;
  const kind = Object.hasOwn(file.messages, f.type) ? Kind.Message : enumValues !== undefined ? Kind.Enum : Object.hasOwn(scalarKinds, f.type) ? scalarKinds[f.type] : undefined;
  if (kind === undefined) throw unsupported(`the field type ${f.type}`);
  const shape = f.keyType !== undefined ? Shape.Map : f.repeated === true ? Shape.Repeated : Shape.Single;
  if (f.keyType !== undefined && f.keyType !== "string") throw unsupported(`a map key of type ${f.keyType}`);
  if (shape === Shape.Repeated && kind !== Kind.Message) throw unsupported("a repeated scalar");
  const wireType = kind === Kind.String || kind === Kind.Bytes || kind === Kind.Message ? 2 : 0;
  let defaultValue: unknown = null;
  // An enum's default is its first value (proto3); the scalars' are protobufjs's type defaults.
  if (kind === Kind.Enum) defaultValue = Object.values(enumValues!)[0];
  else if (kind === Kind.Int64 || kind === Kind.Uint64) defaultValue = 0;
  else if (kind === Kind.Bytes) defaultValue = emptyBytes;
  else if (kind === Kind.String) defaultValue = "";
  else if (kind === Kind.Bool) defaultValue = false;
  else if (kind !== Kind.Message) defaultValue = 0;
  return {
    name: f.name,
    fullName,
    id: f.id,
    kind,
    shape,
    wireType,
    tag: ((f.id << 3) | (shape === Shape.Map ? 2 : wireType)) >>> 0,
    defaultValue,
    // Every plan has every property, so the loops below see one object shape.
    enumValues,
    message: undefined,
    oneof: f.oneof,
    order,
  };
}

/**
 * Absent and empty bytes fields decode to this one empty buffer (protobufjs makes a new one each time): an empty
 * buffer has no contents to change, and nothing here adds properties to values.
 */
const emptyBytes = Buffer.alloc(0);

// ---- decoding -------------------------------------------------------------------------------------------

class Reader {
  pos = 0;
  /** The high 32 bits of the last 64-bit varint read. */
  hi = 0;
  constructor(readonly buf: Buffer) {}
}

function decodeTop(plan: TypePlan, bytes: Uint8Array): object {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(buf);
  return decodeMessage(plan, r, buf.length, 0);
}

function outOfRange(r: Reader): Error {
  return new RangeError(`index out of range: ${r.pos} of ${r.buf.length}`);
}

function decodeMessage(plan: TypePlan, r: Reader, end: number, depth: number): Record<string, unknown> {
  if (depth > recursionLimit) throw new Error("maximum nesting depth exceeded");
  const o: Record<string, unknown> = { ...plan.template };
  for (const f of plan.fresh) o[f.name] = f.shape === Shape.Repeated ? [] : {};
  while (r.pos < end) {
    const tag = readVarint32(r);
    const f = plan.byId[tag >>> 3];
    if (f === undefined) {
      skipField(r, tag & 7, depth);
      continue;
    }
    const wireType = f.shape === Shape.Map ? 2 : f.wireType;
    if ((tag & 7) !== wireType) throw new Error(`${f.fullName}: wire type ${tag & 7} where ${wireType} was expected`);
    if (f.shape === Shape.Single) {
      o[f.name] = readValue(f.kind, f.message, r, end, depth);
      const oneof = f.oneof;
      if (oneof !== undefined) {
        // As toObject: with several members present, the one with the highest number is named.
        const current = o[oneof] === undefined ? undefined : plan.fields.find((m) => m.name === o[oneof]);
        if (current === undefined || current.order <= f.order) o[oneof] = f.name;
      }
    } else if (f.shape === Shape.Repeated) {
      (o[f.name] as unknown[]).push(readValue(f.kind, f.message, r, end, depth));
    } else {
      readMapEntry(f, o[f.name] as Record<string, unknown>, r, end, depth);
    }
  }
  if (r.pos !== end) throw outOfRange(r);
  return o;
}

function readValue(kind: Kind, message: TypePlan | undefined, r: Reader, end: number, depth: number): unknown {
  switch (kind) {
    case Kind.String: {
      const len = readVarint32(r);
      const start = r.pos;
      if (start + len > end) throw outOfRange(r);
      r.pos += len;
      return r.buf.toString("utf8", start, start + len);
    }
    case Kind.Bytes: {
      const len = readVarint32(r);
      const start = r.pos;
      if (start + len > end) throw outOfRange(r);
      r.pos += len;
      return len === 0 ? emptyBytes : r.buf.subarray(start, start + len);
    }
    case Kind.Bool:
      // protobufjs looks at the low 32 bits only.
      return readVarint64(r, end) !== 0;
    case Kind.Int32:
    case Kind.Enum:
      return readVarint64(r, end) | 0;
    case Kind.Uint32:
      return readVarint64(r, end) >>> 0;
    case Kind.Int64: {
      const lo = readVarint64(r, end);
      return int64ToNumber(lo, r.hi);
    }
    case Kind.Uint64: {
      const lo = readVarint64(r, end);
      return lo + r.hi * 4294967296;
    }
    case Kind.Message: {
      const len = readVarint32(r);
      const stop = r.pos + len;
      if (stop > end) throw outOfRange(r);
      return decodeMessage(message!, r, stop, depth + 1);
    }
  }
}

function readMapEntry(f: FieldPlan, map: Record<string, unknown>, r: Reader, end: number, depth: number): void {
  const len = readVarint32(r);
  const stop = r.pos + len;
  if (stop > end) throw outOfRange(r);
  let key = "";
  let value: unknown = f.kind === Kind.Message ? null : f.defaultValue;
  while (r.pos < stop) {
    const tag = readVarint32(r);
    if (tag === 10) key = readValue(Kind.String, undefined, r, stop, depth) as string;
    else if (tag >>> 3 === 2 && (tag & 7) === f.wireType) value = readValue(f.kind, f.message, r, stop, depth);
    else skipField(r, tag & 7, depth);
  }
  if (r.pos !== stop) throw outOfRange(r);
  // A message value that was left out is an error in protobufjs too (its toObject cannot convert null).
  if (value === null) throw new Error(`${f.fullName}: a map entry without its value`);
  if (key === "__proto__") Object.defineProperty(map, key, { enumerable: true, configurable: true, writable: true });
  map[key] = value;
}

/** A varint's low 32 bits (a tag or a length), as protobufjs's uint32 reads it: a longer one is read to its end. */
function readVarint32(r: Reader): number {
  const buf = r.buf;
  if (r.pos < buf.length && buf[r.pos]! < 128) return buf[r.pos++]!;
  return readVarint64(r, buf.length);
}

/** A varint of up to 64 bits: returns the low 32 (unsigned) and leaves the high 32 in r.hi. */
function readVarint64(r: Reader, end: number): number {
  const buf = r.buf;
  let lo = 0;
  let hi = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    if (r.pos >= end) throw outOfRange(r);
    const b = buf[r.pos++]!;
    if (shift < 28) lo |= (b & 127) << shift;
    else if (shift === 28) {
      lo |= (b & 15) << 28;
      hi |= (b & 127) >> 4;
    } else hi |= (b & 127) << (shift - 32);
    if (b < 128) {
      r.hi = hi >>> 0;
      return lo >>> 0;
    }
  }
  throw new Error(`a varint longer than ten bytes at offset ${r.pos}`);
}

function int64ToNumber(lo: number, hi: number): number {
  if (hi >>> 31 === 0) return lo + hi * 4294967296;
  const nlo = (~lo + 1) >>> 0;
  let nhi = ~hi >>> 0;
  if (nlo === 0) nhi = (nhi + 1) >>> 0;
  return -(nlo + nhi * 4294967296);
}

function skipField(r: Reader, wireType: number, depth: number): void {
  if (depth > recursionLimit) throw new Error("maximum nesting depth exceeded");
  const end = r.buf.length;
  switch (wireType) {
    case 0:
      readVarint64(r, end);
      return;
    case 1:
      skipBytes(r, 8);
      return;
    case 2:
      skipBytes(r, readVarint32(r));
      return;
    case 3:
      for (;;) {
        const tag = readVarint32(r);
        if ((tag & 7) === 4) return;
        skipField(r, tag & 7, depth + 1);
      }
    case 5:
      skipBytes(r, 4);
      return;
    default:
      throw new Error(`invalid wire type ${wireType} at offset ${r.pos}`);
  }
}

function skipBytes(r: Reader, n: number): void {
  if (r.pos + n > r.buf.length) throw outOfRange(r);
  r.pos += n;
}

// ---- encoding -------------------------------------------------------------------------------------------

/** The buffer messages are written into before they are copied out (encoding is synchronous). */
let out = Buffer.allocUnsafe(64 << 10);
let at = 0;
const keptBytes = 1 << 20;

function encodeTop(plan: TypePlan, value: object): Buffer {
  if (typeof value !== "object" || value === null) throw new TypeError(`${plan.fullName}: object expected`);
  at = 0;
  try {
    encodeFields(plan, value as Record<string, unknown>, 0);
    const result = Buffer.allocUnsafe(at);
    out.copy(result, 0, 0, at);
    return result;
  } finally {
    if (out.length > keptBytes) out = Buffer.allocUnsafe(64 << 10);
  }
}

function ensure(n: number): void {
  if (at + n <= out.length) return;
  const grown = Buffer.allocUnsafe(Math.max(out.length * 2, at + n));
  out.copy(grown, 0, 0, at);
  out = grown;
}

function encodeFields(plan: TypePlan, v: Record<string, unknown>, depth: number): void {
  if (depth > recursionLimit) throw new Error("maximum nesting depth exceeded");
  for (const f of plan.fields) {
    const x = v[f.name];
    if (f.shape === Shape.Single) {
      if (x === null || x === undefined) continue;
      writeField(f, f.tag, x, depth);
    } else if (f.shape === Shape.Repeated) {
      // As fromObject: an absent or empty list writes nothing; anything but an array is refused.
      if (!x) continue;
      if (!Array.isArray(x)) throw new TypeError(`${f.fullName}: array expected`);
      for (const e of x) writeField(f, f.tag, e, depth);
    } else {
      if (!x) continue;
      if (typeof x !== "object") throw new TypeError(`${f.fullName}: object expected`);
      const m = x as Record<string, unknown>;
      for (const key of Object.keys(m)) writeMapEntry(f, key, m[key], depth);
    }
  }
}

/** One value's tag (the field's, or field 2's in a map entry) and value, converted as fromObject does. */
function writeField(f: FieldPlan, tag: number, x: unknown, depth: number): void {
  switch (f.kind) {
    case Kind.String:
      writeVarint32(tag);
      writeString(String(x));
      return;
    case Kind.Bytes: {
      // fromObject takes base64 text, or anything with a length (`d.length >= 0`), and leaves out the rest.
      if (typeof x !== "string" && !(((x as { length?: unknown }).length as number) >= 0)) return;
      writeVarint32(tag);
      writeBytes(typeof x === "string" ? Buffer.from(x, "base64") : (x as ArrayLike<number>));
      return;
    }
    case Kind.Bool:
      writeVarint32(tag);
      ensure(1);
      out[at++] = x ? 1 : 0;
      return;
    case Kind.Int32:
      writeVarint32(tag);
      writeInt32((x as number) | 0);
      return;
    case Kind.Uint32:
      writeVarint32(tag);
      writeVarint32((x as number) >>> 0);
      return;
    case Kind.Enum: {
      const n = typeof x === "number" ? x : typeof x === "string" && Object.hasOwn(f.enumValues!, x) ? f.enumValues![x] : undefined;
      if (n === undefined) return;
      writeVarint32(tag);
      writeInt32(n);
      return;
    }
    case Kind.Int64:
    case Kind.Uint64:
      writeVarint32(tag);
      writeLong(x, f.kind === Kind.Uint64);
      return;
    case Kind.Message: {
      if (typeof x !== "object" || x === null) throw new TypeError(`${f.fullName}: object expected`);
      writeVarint32(tag);
      const start = beginLength();
      encodeFields(f.message!, x as Record<string, unknown>, depth + 1);
      endLength(start);
      return;
    }
  }
}

function writeMapEntry(f: FieldPlan, key: string, value: unknown, depth: number): void {
  writeVarint32(f.tag);
  const start = beginLength();
  writeVarint32((1 << 3) | 2);
  writeString(key);
  writeField(f, (2 << 3) | f.wireType, value, depth);
  endLength(start);
}

function writeVarint32(n: number): void {
  ensure(5);
  while (n > 127) {
    out[at++] = (n & 127) | 128;
    n >>>= 7;
  }
  out[at++] = n;
}

/** As protobufjs: a negative int32 is written as its 64-bit two's complement (ten bytes). */
function writeInt32(n: number): void {
  if (n >= 0) writeVarint32(n >>> 0);
  else writeVarint64(n >>> 0, 0xffffffff);
}

function writeVarint64(lo: number, hi: number): void {
  ensure(10);
  while (hi !== 0) {
    out[at++] = (lo & 127) | 128;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  writeVarint32(lo);
}

/**
 * As fromObject's `Long.fromValue(x, unsigned)`: numbers truncate toward zero and saturate (a negative one is
 * 0 for uint64), strings are parsed (long-value.ts). Safe integers, all Cairn sends, are converted here.
 */
function writeLong(x: unknown, unsigned: boolean): void {
  if (typeof x === "number" && Number.isSafeInteger(x) && !(unsigned && x < 0)) {
    const abs = Math.abs(x);
    let lo = abs >>> 0;
    let hi = ((abs - lo) / 4294967296) >>> 0;
    if (x < 0) {
      lo = (~lo + 1) >>> 0;
      hi = ~hi >>> 0;
      if (lo === 0) hi = (hi + 1) >>> 0;
    }
    writeVarint64(lo, hi);
    return;
  }
  const bits = longBits(x, unsigned);
  writeVarint64(Number(bits & 0xffffffffn), Number(bits >> 32n));
}

function writeString(s: string): void {
  // A string of up to 42 UTF-16 units is at most 126 bytes: its length fits the one byte reserved for it.
  if (s.length <= 42) {
    ensure(1 + s.length * 3);
    const lenAt = at++;
    const n = out.write(s, at, "utf8");
    out[lenAt] = n;
    at += n;
    return;
  }
  const n = Buffer.byteLength(s, "utf8");
  writeVarint32(n);
  ensure(n);
  at += out.write(s, at, "utf8");
}

function writeBytes(b: ArrayLike<number>): void {
  const n = b.length >>> 0;
  writeVarint32(n);
  ensure(n);
  if (b instanceof Uint8Array) out.set(b, at);
  else for (let i = 0; i < n; i++) out[at + i] = b[i]!;
  at += n;
}

/** Reserves one byte for a length to come; endLength moves the contents on when the length needs more. */
function beginLength(): number {
  ensure(1);
  return at++;
}

function endLength(lenAt: number): void {
  const n = at - lenAt - 1;
  if (n < 128) {
    out[lenAt] = n;
    return;
  }
  const size = varintSize(n);
  ensure(size - 1);
  out.copyWithin(lenAt + size, lenAt + 1, at);
  at += size - 1;
  let i = lenAt;
  let rest = n;
  while (rest > 127) {
    out[i++] = (rest & 127) | 128;
    rest >>>= 7;
  }
  out[i] = rest;
}

function varintSize(n: number): number {
  return n < 1 << 7 ? 1 : n < 1 << 14 ? 2 : n < 1 << 21 ? 3 : n < 1 << 28 ? 4 : 5;
}
