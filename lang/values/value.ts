// Values with Terraform's semantics (go-cty): every value has a type; it may be null, unknown ("known after
// apply") or known; and it may carry marks (Terraform's "sensitive"). Values are immutable.
//
// Raw representation by type:
//   string  -> JS string (NFC-normalised, as cty does)
//   number  -> BigFloat
//   bool    -> boolean
//   list, set, tuple -> readonly Value[]   (sets: deduplicated, in a canonical order)
//   map, object      -> ReadonlyMap<string, Value>   (keys in lexical order, as cty iterates them)
//   null    -> NULL sentinel,  unknown -> UNKNOWN sentinel (any type)

import { BigFloat, bigFloatFrom, numbersEqual } from "./bigfloat.js";
import {
  BoolType,
  DynamicPseudoType,
  EmptyObjectType,
  EmptyTupleType,
  NumberType,
  StringType,
  type ObjectType,
  type Type,
  listOf,
  mapOf,
  setOf,
  typeEquals,
  typeString,
} from "./types.js";

export const NULL: unique symbol = Symbol("null");
export const UNKNOWN: unique symbol = Symbol("unknown");

export type Raw =
  | string
  | BigFloat
  | boolean
  | readonly Value[]
  | ReadonlyMap<string, Value>
  | typeof NULL
  | typeof UNKNOWN;

export const SENSITIVE = "sensitive";
export type Marks = ReadonlySet<string>;
const noMarks: Marks = new Set();
const sensitiveMarks: Marks = new Set([SENSITIVE]);

export class Value {
  readonly type: Type;
  readonly raw: Raw;
  readonly marks: Marks;

  constructor(type: Type, raw: Raw, marks: Marks = noMarks) {
    this.type = type;
    this.raw = raw;
    this.marks = marks;
  }

  isNull(): boolean {
    return this.raw === NULL;
  }
  /** Shallow: this value itself is known (its elements may still be unknown). */
  isKnown(): boolean {
    return this.raw !== UNKNOWN;
  }
  /** Deep: this value and everything inside it is known. */
  isWhollyKnown(): boolean {
    if (this.raw === UNKNOWN) return false;
    if (Array.isArray(this.raw)) return (this.raw as readonly Value[]).every((v) => v.isWhollyKnown());
    if (this.raw instanceof Map) {
      for (const v of this.raw.values()) if (!v.isWhollyKnown()) return false;
    }
    return true;
  }
  isMarked(): boolean {
    return this.marks.size > 0;
  }
  hasMark(m: string): boolean {
    return this.marks.has(m);
  }
  isSensitive(): boolean {
    return this.marks.has(SENSITIVE);
  }
  /** True when this value or anything inside it is marked. */
  containsMarked(): boolean {
    if (this.marks.size > 0) return true;
    const raw = this.raw;
    if (Array.isArray(raw)) {
      const elems = raw as readonly Value[];
      for (let i = 0; i < elems.length; i++) if (elems[i]!.containsMarked()) return true;
    } else if (raw instanceof Map) {
      for (const v of (raw as ReadonlyMap<string, Value>).values()) if (v.containsMarked()) return true;
    }
    return false;
  }
  withMarks(marks: Marks): Value {
    if (marks.size === 0) return this;
    if (this.marks.size === 0) return new Value(this.type, this.raw, marks);
    const merged = new Set(this.marks);
    for (const m of marks) merged.add(m);
    return merged.size === this.marks.size ? this : new Value(this.type, this.raw, merged);
  }
  mark(m: string): Value {
    if (this.marks.has(m)) return this;
    return this.withMarks(m === SENSITIVE ? sensitiveMarks : new Set([m]));
  }
  /** This value without its own (shallow) marks. */
  unmark(): Value {
    return this.marks.size === 0 ? this : new Value(this.type, this.raw, noMarks);
  }
  /** This value with no marks anywhere inside, and the union of all the marks that were removed. */
  unmarkDeep(): [Value, Marks] {
    // Most values carry no marks: checking allocates nothing, unmarking allocates its bookkeeping.
    if (!this.containsMarked()) return [this, noMarks];
    const found = new Set<string>();
    const v = unmarkDeepInto(this, found);
    return [v, found.size === 0 ? noMarks : found];
  }

  // Typed accessors: callers check the type (and known/null) first; these throw on a bug.
  asString(): string {
    if (typeof this.raw !== "string") throw new Error(`bug: asString on ${describe(this)}`);
    return this.raw;
  }
  asNumber(): BigFloat {
    if (!(this.raw instanceof BigFloat)) throw new Error(`bug: asNumber on ${describe(this)}`);
    return this.raw;
  }
  asBool(): boolean {
    if (typeof this.raw !== "boolean") throw new Error(`bug: asBool on ${describe(this)}`);
    return this.raw;
  }
  /** Elements of a known list, set or tuple. */
  asElements(): readonly Value[] {
    if (!Array.isArray(this.raw)) throw new Error(`bug: asElements on ${describe(this)}`);
    return this.raw as readonly Value[];
  }
  /** Entries of a known map or object, in lexical key order. */
  asEntries(): ReadonlyMap<string, Value> {
    if (!(this.raw instanceof Map)) throw new Error(`bug: asEntries on ${describe(this)}`);
    return this.raw;
  }
  /** Number of elements of a known collection or structure. */
  length(): number {
    if (Array.isArray(this.raw)) return (this.raw as readonly Value[]).length;
    if (this.raw instanceof Map) return this.raw.size;
    throw new Error(`bug: length on ${describe(this)}`);
  }
}

// Copies a collection only once an element changed: most values carry no marks, and a plan unmarks every
// instance's configuration and state.
function unmarkDeepInto(v: Value, found: Set<string>): Value {
  if (v.marks.size > 0) for (const m of v.marks) found.add(m);
  const raw = v.raw;
  if (Array.isArray(raw)) {
    const elems = raw as readonly Value[];
    let out: Value[] | undefined;
    for (let i = 0; i < elems.length; i++) {
      const e = elems[i]!;
      const u = unmarkDeepInto(e, found);
      if (u !== e && out === undefined) out = elems.slice(0, i);
      if (out !== undefined) out.push(u);
    }
    return out !== undefined ? new Value(v.type, out) : v.marks.size > 0 ? new Value(v.type, raw) : v;
  }
  if (raw instanceof Map) {
    let out: Map<string, Value> | undefined;
    // forEach, not for-of with destructuring: this mostly runs before the JIT compiles it, where the
    // iterator objects cost more than the work.
    (raw as ReadonlyMap<string, Value>).forEach((e, k) => {
      const u = unmarkDeepInto(e, found);
      if (u !== e && out === undefined) {
        const copy = new Map<string, Value>();
        for (const [k2, e2] of raw as ReadonlyMap<string, Value>) {
          if (k2 === k) break;
          copy.set(k2, e2);
        }
        out = copy;
      }
      if (out !== undefined) out.set(k, u);
    });
    return out !== undefined ? new Value(v.type, out) : v.marks.size > 0 ? new Value(v.type, raw) : v;
  }
  return v.marks.size === 0 ? v : new Value(v.type, raw);
}

function describe(v: Value): string {
  const state = v.raw === NULL ? "null " : v.raw === UNKNOWN ? "unknown " : "";
  return `${state}${typeString(v.type)}`;
}

// ---- constructors ----

export const True = new Value(BoolType, true);
export const False = new Value(BoolType, false);
export const EmptyString = new Value(StringType, "");
export const DynamicVal = new Value(DynamicPseudoType, UNKNOWN);
export const NullDynamic = new Value(DynamicPseudoType, NULL);
export const EmptyObjectVal = new Value(EmptyObjectType, new Map());
export const EmptyTupleVal = new Value(EmptyTupleType, []);

// ASCII text is already in NFC; testing for it is a few times cheaper than asking ICU to normalise.
const asciiOnly = /^[\x00-\x7f]*$/;
export function stringVal(s: string): Value {
  return s === "" ? EmptyString : new Value(StringType, asciiOnly.test(s) ? s : s.normalize("NFC"));
}
export function numberVal(n: number | string | BigFloat): Value {
  return new Value(NumberType, bigFloatFrom(n));
}
export function boolVal(b: boolean): Value {
  return b ? True : False;
}
export function nullVal(t: Type): Value {
  return t.kind === "dynamic" ? NullDynamic : new Value(t, NULL);
}
export function unknownVal(t: Type): Value {
  return t.kind === "dynamic" ? DynamicVal : new Value(t, UNKNOWN);
}

/** A list of elements that all have the same type (callers convert first). Empty needs listValEmpty. */
export function listVal(elems: readonly Value[]): Value {
  if (elems.length === 0) throw new Error("bug: listVal needs at least one element; use listValEmpty");
  return new Value(listOf(elems[0]!.type), elems);
}
export function listValEmpty(elem: Type): Value {
  return new Value(listOf(elem), []);
}
export function mapVal(entries: ReadonlyMap<string, Value> | Record<string, Value>): Value {
  const m = sortedMap(entries);
  const first = m.values().next();
  if (first.done) throw new Error("bug: mapVal needs at least one element; use mapValEmpty");
  return new Value(mapOf(first.value.type), m);
}
export function mapValEmpty(elem: Type): Value {
  return new Value(mapOf(elem), new Map());
}
export function setValEmpty(elem: Type): Value {
  return new Value(setOf(elem), []);
}
export function tupleVal(elems: readonly Value[]): Value {
  if (elems.length === 0) return EmptyTupleVal;
  return new Value({ kind: "tuple", elems: elems.map((e) => e.type) }, elems);
}
export function objectVal(entries: ReadonlyMap<string, Value> | Record<string, Value>): Value {
  return objectOfSorted(sortedMap(entries));
}

/**
 * objectVal for a Map the caller built for it and hands over: never changed or read by the caller again.
 * Skips objectVal's defensive copy when the keys are already in order (the copy was a measurable part of
 * decoding every instance of a plan).
 */
export function objectValOwning(entries: Map<string, Value>): Value {
  return objectOfSorted(mapInOrder(entries) ? entries : sortedMap(entries));
}

function objectOfSorted(m: Map<string, Value>): Value {
  if (m.size === 0) return EmptyObjectVal;
  return new Value(objectTypeOf(m), m);
}

/**
 * Object types made lately, handed out again for an object whose attributes have exactly those types (types
 * are immutable, so sharing one is invisible). A plan makes several objects of one shape per instance; one
 * attribute map per shape, not per object, is less for the collector to copy.
 */
const recentObjectTypes: ObjectType[] = [];
let recentObjectTypeSlot = 0;

function objectTypeOf(m: ReadonlyMap<string, Value>): ObjectType {
  for (let i = 0; i < recentObjectTypes.length; i++) {
    const t = recentObjectTypes[i]!;
    // Same size and every key with the identical type: the same keys, and (both sorted) in the same order.
    if (t.attrs.size === m.size && hasAttrTypesOf(t.attrs, m)) return t;
  }
  const attrs = new Map<string, Type>();
  m.forEach((v, k) => attrs.set(k, v.type));
  const made: ObjectType = { kind: "object", attrs };
  recentObjectTypes[recentObjectTypeSlot] = made;
  recentObjectTypeSlot = (recentObjectTypeSlot + 1) % 8;
  return made;
}

function hasAttrTypesOf(attrs: ReadonlyMap<string, Type>, m: ReadonlyMap<string, Value>): boolean {
  let same = true;
  m.forEach((v, k) => {
    if (same && attrs.get(k) !== v.type) same = false;
  });
  return same;
}

/** Keys in lexical (code unit) order, as go-cty iterates maps and objects. */
export function sortedMap(entries: ReadonlyMap<string, Value> | Record<string, Value>): Map<string, Value> {
  // Most callers already build their entries in order (decoded blocks, converted objects): check before
  // sorting, and copy without an intermediate array of pairs.
  if (entries instanceof Map) {
    if (mapInOrder(entries)) return new Map(entries);
    return new Map([...entries].sort(byKey));
  }
  const record = entries as Record<string, Value>;
  const keys = Object.keys(record);
  if (!inOrder(keys)) keys.sort();
  const out = new Map<string, Value>();
  for (const k of keys) out.set(k, record[k]!);
  return out;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  return true;
}

function mapInOrder(entries: ReadonlyMap<string, Value>): boolean {
  let prev: string | undefined;
  let ordered = true;
  entries.forEach((_v, k) => {
    if (prev !== undefined && !(prev < k)) ordered = false;
    prev = k;
  });
  return ordered;
}

const byKey = (a: readonly [string, Value], b: readonly [string, Value]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Exact structural equality of two values, including type, nullness, unknownness and marks. */
export function rawEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (!typeEquals(a.type, b.type)) return false;
  if (a.marks.size !== b.marks.size) return false;
  if (a.marks.size > 0) for (const m of a.marks) if (!b.marks.has(m)) return false;
  const ar = a.raw;
  const br = b.raw;
  if (ar === NULL || ar === UNKNOWN || br === NULL || br === UNKNOWN) return ar === br;
  if (ar instanceof BigFloat) return br instanceof BigFloat && numbersEqual(ar, br);
  if (Array.isArray(ar)) {
    const bl = br as readonly Value[];
    const al = ar as readonly Value[];
    if (al.length !== bl.length) return false;
    for (let i = 0; i < al.length; i++) if (!rawEquals(al[i]!, bl[i]!)) return false;
    return true;
  }
  if (ar instanceof Map) {
    const bm = br as ReadonlyMap<string, Value>;
    if (ar.size !== bm.size) return false;
    // forEach (no early exit) over for-of: cheaper before the JIT, and equal objects, the common case in a
    // no-op plan, are walked whole anyway.
    let equal = true;
    ar.forEach((v, k) => {
      if (!equal) return;
      const o = bm.get(k);
      if (o === undefined || !rawEquals(v, o)) equal = false;
    });
    return equal;
  }
  return ar === br;
}
