// Type conversion with go-cty's `convert` semantics, including the "unsafe" conversions Terraform allows
// (string -> number/bool, list -> set, map -> object). Conversions are planned from the two types first
// (getConversion returns null when no conversion can exist, giving a static mismatch message); running a
// planned conversion can still fail on a particular value ("a number is required").
//
// Beyond cty: object types from type constraints carry `defaults` (optional(T, default)); conversion fills
// null or missing attributes with them at every depth, which is what Terraform's Defaults.Apply-then-Convert
// achieves. Marks: a value's own marks stay on the converted value; marks deeper inside stay where they were
// (except inside sets, where cty moves them to the set).

import { BigFloat, bigFloatFrom } from "./bigfloat.js";
import { mismatchMessage } from "./mismatch.js";
import { formatNumber } from "./numfmt.js";
import { setVal } from "./set.js";
import {
  DynamicPseudoType,
  NumberType,
  isOptionalAttr,
  listOf,
  mapOf,
  setOf,
  typeEquals,
  withoutOptionalAttributesDeep,
  type ObjectType,
  type Type,
} from "./types.js";
import { unifyTypesInternal } from "./unify.js";
import {
  False,
  NULL,
  True,
  UNKNOWN,
  Value,
  nullVal,
  objectVal,
  sortedMap,
  stringVal,
  unknownVal,
} from "./value.js";

/** One step of the path to a nested value, as cty.Path: `.name` or `[key]`. */
export type PathStep =
  | { readonly kind: "attr"; readonly name: string }
  | { readonly kind: "index"; readonly key: Value };

export type ConvertResult =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly message: string; readonly path?: readonly PathStep[] };

/** A failed conversion: cty's PathError. Kept out of the exception machinery on purpose. */
export class ConvertFailure {
  constructor(
    readonly message: string,
    readonly path: readonly PathStep[],
  ) {}
}

export type Conversion = (v: Value, path: readonly PathStep[]) => Value | ConvertFailure;

/** Convert a value to the wanted type as Terraform does (cty's convert.Convert, unsafe conversions allowed). */
export function convert(v: Value, want: Type): ConvertResult {
  if (!hasDefaultsDeep(want) && typeEquals(v.type, want)) return { ok: true, value: v };
  const conv = getConversion(v.type, want, true);
  if (conv === null) return { ok: false, message: mismatchMessage(v.type, want) };
  const r = conv(v, []);
  if (r instanceof ConvertFailure) return { ok: false, message: r.message, path: r.path };
  return { ok: true, value: r };
}

/** Whether any value of type `from` could convert to `to` (unsafe conversions allowed, as convert does). */
export function convertibility(from: Type, to: Type): boolean {
  return (typeEquals(from, to) && !hasDefaultsDeep(to)) || getConversion(from, to, true) !== null;
}

/** Whether a conversion exists; `unsafe` false restricts to conversions that cannot fail (cty's "safe"). */
export function canConvert(from: Type, to: Type, unsafe: boolean): boolean {
  return getConversion(from, to, unsafe) !== null;
}

/** tfdiags.FormatCtyPath: `.a[0]["k"]`, for callers that want to show where a nested failure happened. */
export function formatPath(path: readonly PathStep[]): string {
  let s = "";
  for (const step of path) {
    if (step.kind === "attr") s += "." + step.name;
    else {
      const k = step.key;
      if (k.raw === NULL) s += "[null]";
      else if (k.raw === UNKNOWN) s += "[(not yet known)]";
      else if (k.raw instanceof BigFloat) s += `[${formatNumber(k.raw)}]`;
      else if (typeof k.raw === "string") s += `[${JSON.stringify(k.raw)}]`;
      else s += "[...]";
    }
  }
  return s;
}

// ---- planning ----

const identity: Conversion = (v) => v;

/** Types are the same and the target has no defaults to fill in: nothing to do. */
function identical(a: Type, b: Type): boolean {
  return typeEquals(a, b) && !hasDefaultsDeep(b);
}

export function hasDefaultsDeep(t: Type): boolean {
  switch (t.kind) {
    case "list":
    case "set":
    case "map":
      return hasDefaultsDeep(t.elem);
    case "tuple":
      return t.elems.some(hasDefaultsDeep);
    case "object":
      if (t.defaults !== undefined && t.defaults.size > 0) return true;
      for (const a of t.attrs.values()) if (hasDefaultsDeep(a)) return true;
      return false;
    default:
      return false;
  }
}

export function getConversion(inT: Type, outT: Type, unsafe: boolean): Conversion | null {
  const known = getConversionKnown(inT, outT, unsafe);
  if (known === null) return null;
  const ret: Conversion = (v, path) => {
    if (v.marks.size > 0) {
      const r = ret(v.unmark(), path);
      return r instanceof ConvertFailure ? r : r.withMarks(v.marks);
    }
    if (outT.kind === "dynamic") return v;
    if (v.raw === UNKNOWN || v.raw === NULL) {
      const t = dynamicReplace(v.type, withoutOptionalAttributesDeep(outT));
      return v.raw === UNKNOWN ? unknownVal(t) : nullVal(t);
    }
    return known(v, path);
  };
  return ret;
}

function getConversionKnown(inT: Type, outT: Type, unsafe: boolean): Conversion | null {
  if (outT.kind === "dynamic") return identity;
  if (unsafe && inT.kind === "dynamic") return dynamicFixup(outT);
  const ik = inT.kind;
  const ok = outT.kind;
  if ((ik === "string" || ik === "number" || ik === "bool") && (ok === "string" || ok === "number" || ok === "bool")) {
    return primitiveConversion(ik, ok, unsafe);
  }
  if (outT.kind === "object" && inT.kind === "object") return conversionObjectToObject(inT, outT, unsafe);
  if (outT.kind === "tuple" && inT.kind === "tuple") return conversionTupleToTuple(inT.elems, outT.elems, unsafe);
  if (outT.kind === "list" && (inT.kind === "list" || inT.kind === "set")) {
    if (identical(inT.elem, outT.elem)) return conversionCollectionToList(outT.elem, null);
    const c = getConversion(inT.elem, outT.elem, unsafe);
    return c === null ? null : conversionCollectionToList(outT.elem, c);
  }
  if (outT.kind === "set" && (inT.kind === "list" || inT.kind === "set")) {
    if (inT.kind === "list" && !unsafe) return null;
    if (identical(inT.elem, outT.elem)) return conversionCollectionToSet(outT.elem, null);
    const c = getConversion(inT.elem, outT.elem, unsafe);
    return c === null ? null : conversionCollectionToSet(outT.elem, c);
  }
  if (outT.kind === "map" && inT.kind === "map") {
    const c = identical(inT.elem, outT.elem) ? identity : getConversion(inT.elem, outT.elem, unsafe);
    return c === null ? null : conversionCollectionToMap(outT.elem, c);
  }
  if (outT.kind === "list" && inT.kind === "tuple") return conversionTupleToList(inT.elems, outT.elem, unsafe);
  if (outT.kind === "set" && inT.kind === "tuple") return conversionTupleToSet(inT.elems, outT.elem, unsafe);
  if (outT.kind === "map" && inT.kind === "object") return conversionObjectToMap(inT, outT.elem, unsafe);
  if (outT.kind === "object" && inT.kind === "map") {
    return unsafe ? conversionMapToObject(inT.elem, outT, unsafe) : null;
  }
  return null;
}

function dynamicFixup(want: Type): Conversion {
  return (v, path) => {
    const r = convert(v, want);
    return r.ok ? r.value : new ConvertFailure(r.message, [...path, ...(r.path ?? [])]);
  };
}

// ---- primitives ----

const numberToString: Conversion = (v) => stringVal(formatNumber(v.raw as BigFloat));
const boolToString: Conversion = (v) => stringVal(v.raw ? "true" : "false");
const stringToNumber: Conversion = (v, path) => {
  const d = parseNumberString(v.raw as string);
  return d === undefined ? new ConvertFailure("a number is required", path) : new Value(NumberType, d);
};
const stringToBool: Conversion = (v, path) => {
  const s = v.raw as string;
  if (s === "true" || s === "1") return True;
  if (s === "false" || s === "0") return False;
  const lower = s.toLowerCase();
  if (lower === "true" || lower === "false") {
    return new ConvertFailure(`a bool is required; to convert from string, use lowercase "${lower}"`, path);
  }
  return new ConvertFailure("a bool is required", path);
};

function primitiveConversion(from: string, to: string, unsafe: boolean): Conversion | null {
  if (to === "string" && from === "number") return numberToString;
  if (to === "string" && from === "bool") return boolToString;
  if (!unsafe || from !== "string") return null;
  if (to === "number") return stringToNumber;
  if (to === "bool") return stringToBool;
  return null;
}

const numberSyntax = /^[+-]?(?:(\d+\.?\d*|\.\d+)([eEpP][+-]?\d+)?|[iI]nf)$/;

/**
 * Go's big.ParseFloat(s, 10, ...) as cty.ParseNumberVal uses it: optional sign, decimal mantissa, exponent
 * `e` (power of ten) or `p` (power of two), or "Inf"/"inf". No surrounding spaces, no underscores.
 */
export function parseNumberString(s: string): BigFloat | undefined {
  if (!numberSyntax.test(s)) return undefined;
  return BigFloat.parse(s);
}

// ---- collections ----

function elementsOf(v: Value): readonly Value[] {
  return Array.isArray(v.raw) ? (v.raw as readonly Value[]) : [...(v.raw as ReadonlyMap<string, Value>).values()];
}

function indexStep(i: number): PathStep {
  return { kind: "index", key: new Value(NumberType, bigFloatFrom(i)) };
}

/** cty normalises a null element's type to drop optional-attribute annotations. */
function normaliseNull(v: Value): Value {
  if (v.raw !== NULL) return v;
  const t = withoutOptionalAttributesDeep(v.type);
  return t === v.type ? v : new Value(t, NULL, v.marks);
}

/** The element type cty's ListVal/MapVal would give: the first element whose type is not dynamic. */
function commonElementType(elems: Iterable<Value>): Type | undefined {
  let ety: Type = DynamicPseudoType;
  for (const e of elems) {
    if (ety.kind === "dynamic") ety = e.type;
    else if (e.type.kind !== "dynamic" && !typeEquals(ety, e.type)) return undefined;
  }
  return ety;
}

/** A collection's elements, each converted (when `conv` is given) and with nulls normalised. */
function convertElements(val: Value, path: readonly PathStep[], conv: Conversion | null): Value[] | ConvertFailure {
  const elems: Value[] = [];
  const src = elementsOf(val);
  for (let i = 0; i < src.length; i++) {
    let e = src[i]!;
    if (conv !== null) {
      const r = conv(e, [...path, indexStep(i)]);
      if (r instanceof ConvertFailure) return r;
      e = r;
    }
    elems.push(normaliseNull(e));
  }
  return elems;
}

/** The element type of an empty converted collection: the wanted one, or the source's when `any` was wanted. */
function emptyElementType(ety: Type, val: Value): Type {
  return ety.kind === "dynamic" ? (val.type as { elem: Type }).elem : withoutOptionalAttributesDeep(ety);
}

function conversionCollectionToList(ety: Type, conv: Conversion | null): Conversion {
  return (val, path) => {
    const elems = convertElements(val, path, conv);
    if (elems instanceof ConvertFailure) return elems;
    if (elems.length === 0) {
      const t = emptyElementType(ety, val);
      return new Value(listOf(t), []);
    }
    const common = commonElementType(elems);
    if (common === undefined) return new ConvertFailure("element types must all match for conversion to list", path);
    return new Value(listOf(common), elems);
  };
}

function conversionCollectionToSet(ety: Type, conv: Conversion | null): Conversion {
  return (val, path) => {
    const elems = convertElements(val, path, conv);
    if (elems instanceof ConvertFailure) return elems;
    if (elems.length === 0) {
      const t = emptyElementType(ety, val);
      return new Value(setOf(t), []);
    }
    if (commonElementType(elems) === undefined) {
      return new ConvertFailure("element types must all match for conversion to set", path);
    }
    return setVal(elems);
  };
}

function conversionCollectionToMap(ety: Type, conv: Conversion): Conversion {
  return (val, path) => {
    let elems = new Map<string, Value>();
    for (const [k, e] of val.raw as ReadonlyMap<string, Value>) {
      const r = conv(e, [...path, { kind: "index", key: stringVal(k) }]);
      if (r instanceof ConvertFailure) return r;
      elems.set(k, r);
    }
    if (elems.size === 0) {
      return new Value(mapOf(ety.kind === "dynamic" ? (val.type as { elem: Type }).elem : ety), new Map());
    }
    if (ety.kind === "list" || ety.kind === "set" || ety.kind === "map" || ety.kind === "object") {
      const u = unifyMapElements(elems, path, false);
      if (u instanceof ConvertFailure) return u;
      elems = u;
    }
    return makeMap(elems, path, "element types must all match for conversion to map");
  };
}

function makeMap(elems: Map<string, Value>, path: readonly PathStep[], mismatch: string): Value | ConvertFailure {
  const common = commonElementType(elems.values());
  if (common === undefined) return new ConvertFailure(mismatch, path);
  return new Value(mapOf(common), sortedMap(elems));
}

/** Converts tuple elements with per-element conversions; the list/set element type comes from unification. */
function tupleElementConversions(
  tupleEtys: readonly Type[],
  targetEty: Type,
  unsafe: boolean,
): { ety: Type; convs: (Conversion | null)[] } | null {
  let ety = targetEty;
  if (ety.kind === "dynamic") {
    const u = unifyTypesInternal(tupleEtys, unsafe);
    if (u === undefined) return null;
    ety = u.type;
    if (ety.kind === "dynamic" && !tupleEtys.every((t) => t.kind === "dynamic")) return null;
  }
  const convs: (Conversion | null)[] = [];
  for (const t of tupleEtys) {
    if (identical(t, ety)) {
      convs.push(null);
      continue;
    }
    const c = getConversion(t, ety, unsafe);
    if (c === null) return null;
    convs.push(c);
  }
  return { ety, convs };
}

function conversionTupleToSet(tupleEtys: readonly Type[], setEty: Type, unsafe: boolean): Conversion | null {
  if (tupleEtys.length === 0) return () => new Value(setOf(withoutOptionalAttributesDeep(setEty)), []);
  const plan = tupleElementConversions(tupleEtys, setEty, unsafe);
  if (plan === null) return null;
  return (val, path) => {
    const elems: Value[] = [];
    const src = val.raw as readonly Value[];
    for (let i = 0; i < src.length; i++) {
      let e = src[i]!;
      const c = plan.convs[i];
      if (c) {
        const r = c(e, [...path, indexStep(i)]);
        if (r instanceof ConvertFailure) return r;
        e = r;
      }
      elems.push(normaliseNull(e));
    }
    if (commonElementType(elems) === undefined) {
      return new ConvertFailure("element types must all match for conversion to set", path);
    }
    return setVal(elems);
  };
}

function conversionTupleToList(tupleEtys: readonly Type[], listEty: Type, unsafe: boolean): Conversion | null {
  if (tupleEtys.length === 0) return () => new Value(listOf(withoutOptionalAttributesDeep(listEty)), []);
  const plan = tupleElementConversions(tupleEtys, listEty, unsafe);
  if (plan === null) return null;
  return (val, path) => {
    let elems: Value[] = [];
    const src = val.raw as readonly Value[];
    for (let i = 0; i < src.length; i++) {
      let e = src[i]!;
      const c = plan.convs[i];
      if (c) {
        const r = c(e, [...path, indexStep(i)]);
        if (r instanceof ConvertFailure) return r;
        e = r;
      }
      elems.push(e);
    }
    const u = unifyListElements(elems, path, unsafe);
    if (u instanceof ConvertFailure) return u;
    elems = u;
    const common = commonElementType(elems);
    if (common === undefined) return new ConvertFailure("element types must all match for conversion to list", path);
    return new Value(listOf(common), elems);
  };
}

function conversionObjectToMap(objT: ObjectType, mapEty: Type, unsafe: boolean): Conversion | null {
  if (objT.attrs.size === 0) return () => new Value(mapOf(withoutOptionalAttributesDeep(mapEty)), new Map());
  let ety = mapEty;
  if (ety.kind === "dynamic") {
    const u = unifyTypesInternal([...objT.attrs.values()], unsafe);
    if (u === undefined) return null;
    ety = u.type;
  }
  const convs = new Map<string, Conversion>();
  for (const [name, aty] of objT.attrs) {
    if (identical(aty, ety)) continue;
    const c = getConversion(aty, ety, unsafe);
    if (c === null) return null;
    convs.set(name, c);
  }
  return (val, path) => {
    let elems = new Map<string, Value>();
    for (const [name, e] of val.raw as ReadonlyMap<string, Value>) {
      const c = convs.get(name);
      if (c) {
        const r = c(e, [...path, { kind: "index", key: stringVal(name) }]);
        if (r instanceof ConvertFailure) return r;
        elems.set(name, r);
      } else elems.set(name, e);
    }
    if (ety.kind === "list" || ety.kind === "set" || ety.kind === "map" || ety.kind === "object") {
      const u = unifyMapElements(elems, path, unsafe);
      if (u instanceof ConvertFailure) return u;
      elems = u;
    }
    return makeMap(elems, path, "attribute types must all match for conversion to map");
  };
}

function conversionMapToObject(mapEty: Type, objT: ObjectType, unsafe: boolean): Conversion | null {
  const convs = new Map<string, Conversion | null>();
  for (const [name, aty] of objT.attrs) {
    if (identical(mapEty, aty)) {
      convs.set(name, null);
      continue;
    }
    const c = getConversion(mapEty, aty, unsafe);
    if (c === null) {
      if (isOptionalAttr(objT, name) && unsafe) continue;
      return null;
    }
    convs.set(name, c);
  }
  return (val, path) => {
    const attrs = new Map<string, Value>();
    for (const [name, e] of val.raw as ReadonlyMap<string, Value>) {
      const aty = objT.attrs.get(name);
      if (aty === undefined) continue;
      let v = e;
      const c = convs.get(name);
      if (c) {
        const r = c(e, [...path, { kind: "index", key: stringVal(name) }]);
        if (r instanceof ConvertFailure) return r;
        v = r;
      } else if (c === undefined) {
        return new ConvertFailure(
          `map element type is incompatible with attribute "${name}": ${mismatchMessage(e.type, aty)}`,
          path,
        );
      }
      attrs.set(name, normaliseNull(v));
    }
    for (const [name, aty] of objT.attrs) {
      if (attrs.has(name)) continue;
      if (isOptionalAttr(objT, name)) attrs.set(name, nullVal(withoutOptionalAttributesDeep(aty)));
      else return new ConvertFailure(`map has no element for required attribute "${name}"`, path);
    }
    return applyDefaults(objT, attrs, path);
  };
}

function conversionObjectToObject(inT: ObjectType, outT: ObjectType, unsafe: boolean): Conversion | null {
  const convs = new Map<string, Conversion | null>();
  for (const [name, outAty] of outT.attrs) {
    const inAty = inT.attrs.get(name);
    if (inAty === undefined) {
      if (isOptionalAttr(outT, name)) continue;
      return null;
    }
    if (identical(inAty, outAty)) {
      convs.set(name, null);
      continue;
    }
    const c = getConversion(inAty, outAty, unsafe);
    if (c === null) return null;
    convs.set(name, c);
  }
  return (val, path) => {
    const attrs = new Map<string, Value>();
    for (const [name, e] of val.raw as ReadonlyMap<string, Value>) {
      const c = convs.get(name);
      if (c === undefined) continue; // attributes the target does not have are dropped
      let v = e;
      if (c !== null) {
        const r = c(e, [...path, { kind: "attr", name }]);
        if (r instanceof ConvertFailure) return r;
        v = r;
      }
      attrs.set(name, normaliseNull(v));
    }
    for (const name of outT.optional ?? []) {
      if (!attrs.has(name)) attrs.set(name, nullVal(withoutOptionalAttributesDeep(outT.attrs.get(name)!)));
    }
    return applyDefaults(outT, attrs, path);
  };
}

/** optional(T, default): a null (or absent) attribute takes its default, itself converted to T. */
function applyDefaults(outT: ObjectType, attrs: Map<string, Value>, path: readonly PathStep[]): Value | ConvertFailure {
  if (outT.defaults !== undefined) {
    for (const [name, d] of outT.defaults) {
      if (!(d instanceof Value)) continue;
      const cur = attrs.get(name);
      if (cur !== undefined && cur.raw !== NULL) continue;
      const aty = outT.attrs.get(name);
      if (aty === undefined) continue;
      const r = convert(d, aty);
      if (!r.ok) return new ConvertFailure(r.message, [...path, { kind: "attr", name }, ...(r.path ?? [])]);
      attrs.set(name, cur !== undefined && cur.marks.size > 0 ? r.value.withMarks(cur.marks) : r.value);
    }
  }
  return objectVal(attrs);
}

function conversionTupleToTuple(inEtys: readonly Type[], outEtys: readonly Type[], unsafe: boolean): Conversion | null {
  if (inEtys.length !== outEtys.length) return null;
  const convs: (Conversion | null)[] = [];
  for (let i = 0; i < outEtys.length; i++) {
    if (identical(inEtys[i]!, outEtys[i]!)) {
      convs.push(null);
      continue;
    }
    const c = getConversion(inEtys[i]!, outEtys[i]!, unsafe);
    if (c === null) return null;
    convs.push(c);
  }
  return (val, path) => {
    const src = val.raw as readonly Value[];
    const out: Value[] = [];
    for (let i = 0; i < src.length; i++) {
      const c = convs[i];
      if (!c) {
        out.push(src[i]!);
        continue;
      }
      const r = c(src[i]!, [...path, indexStep(i)]);
      if (r instanceof ConvertFailure) return r;
      out.push(r);
    }
    return new Value({ kind: "tuple", elems: out.map((e) => e.type) }, out);
  };
}

function unifyMapElements(
  elems: Map<string, Value>,
  path: readonly PathStep[],
  unsafe: boolean,
): Map<string, Value> | ConvertFailure {
  const u = unifyTypesInternal([...elems.values()].map((e) => e.type), unsafe);
  if (u === undefined) return new ConvertFailure("cannot find a common base type for all elements", path);
  const out = new Map<string, Value>();
  for (const [k, e] of elems) {
    if (typeEquals(e.type, u.type)) {
      out.set(k, e);
      continue;
    }
    const c = getConversion(e.type, u.type, unsafe);
    if (c === null) return new ConvertFailure("cannot find a common base type for all elements", path);
    const r = c(e, [...path, { kind: "index", key: stringVal(k) }]);
    if (r instanceof ConvertFailure) return r;
    out.set(k, r);
  }
  return out;
}

function unifyListElements(elems: Value[], path: readonly PathStep[], unsafe: boolean): Value[] | ConvertFailure {
  const u = unifyTypesInternal(elems.map((e) => e.type), unsafe);
  if (u === undefined) return new ConvertFailure("cannot find a common base type for all elements", path);
  const out: Value[] = [];
  for (let i = 0; i < elems.length; i++) {
    const e = elems[i]!;
    if (typeEquals(e.type, u.type)) {
      out.push(e);
      continue;
    }
    const c = getConversion(e.type, u.type, unsafe);
    if (c === null) return new ConvertFailure("cannot find a common base type for all elements", path);
    const r = c(e, [...path, indexStep(i)]);
    if (r instanceof ConvertFailure) return r;
    out.push(r);
  }
  return out;
}

// ---- unknown and null results: keep what is known of the input's type ----

/** cty's dynamicReplace: the target type with its dynamic parts filled from the input type where possible. */
export function dynamicReplace(inT: Type | undefined, outT: Type): Type {
  if (inT === undefined || inT.kind === "dynamic") return outT;
  switch (outT.kind) {
    case "dynamic":
      return inT;
    case "string":
    case "number":
    case "bool":
      return outT;
    case "map": {
      let elem: Type | undefined;
      if (inT.kind === "map") elem = dynamicReplace(inT.elem, outT.elem);
      else if (inT.kind === "object") {
        elem = dynamicReplace(unifyTypesInternal([...inT.attrs.values()], true)?.type, outT.elem);
      }
      return mapOf(elem ?? DynamicPseudoType);
    }
    case "object": {
      const attrs = new Map<string, Type>();
      if (inT.kind === "map") for (const [k, a] of outT.attrs) attrs.set(k, dynamicReplace(inT.elem, a));
      if (inT.kind === "object") {
        for (const [k, a] of outT.attrs) {
          const ia = inT.attrs.get(k);
          attrs.set(k, ia === undefined ? a : dynamicReplace(ia, a));
        }
      }
      return { kind: "object", attrs };
    }
    case "set":
    case "list": {
      let elem: Type | undefined;
      if (inT.kind === "set" || inT.kind === "list") elem = dynamicReplace(inT.elem, outT.elem);
      else if (inT.kind === "tuple") elem = dynamicReplace(unifyTypesInternal(inT.elems, true)?.type, outT.elem);
      const e = elem ?? DynamicPseudoType;
      return outT.kind === "set" ? setOf(e) : listOf(e);
    }
    case "tuple":
      return {
        kind: "tuple",
        elems: outT.elems.map((e, i) => dynamicReplace(inT.kind === "tuple" ? inT.elems[i] : undefined, e)),
      };
  }
}
