// Type unification (cty's convert.Unify / UnifyUnsafe): the one type that a set of values can all be
// converted to, used for conditionals (`c ? a : b`), collection constructors and functions such as concat
// and coalesce. Terraform always unifies "unsafely" (string and number may meet as string).

import { convert, getConversion } from "./convert.js";
import {
  DynamicPseudoType,
  listOf,
  mapOf,
  isPrimitive,
  setOf,
  typeEquals,
  typeString,
  type ObjectType,
  type TupleType,
  type Type,
} from "./types.js";
import { DynamicVal, Value } from "./value.js";

export interface Unified {
  readonly type: Type;
  /**
   * cty's unifyAllAsDynamic: a collection kind met the dynamic pseudo-type, so the only common type is
   * "dynamic" and every value converts to an unknown (cty's conversions all yield DynamicVal).
   */
  readonly allDynamic: boolean;
}

/** The unified type, or undefined when the types have nothing in common. */
export function unifyTypes(types: readonly Type[], unsafe = true): Type | undefined {
  return unifyTypesInternal(types, unsafe)?.type;
}

export type UnifyValuesResult =
  | { readonly ok: true; readonly type: Type; readonly values: readonly Value[] }
  | { readonly ok: false; readonly message: string };

/** Unify the values' types and convert each value to the result (cty UnifyUnsafe plus its conversions). */
export function unifyValues(vals: readonly Value[]): UnifyValuesResult {
  const u = unifyTypesInternal(
    vals.map((v) => v.type),
    true,
  );
  if (u === undefined) return { ok: false, message: "all values must have the same type" };
  if (u.allDynamic) return { ok: true, type: DynamicPseudoType, values: vals.map((v) => DynamicVal.withMarks(v.marks)) };
  const out: Value[] = [];
  for (const v of vals) {
    const r = convert(v, u.type);
    if (!r.ok) return { ok: false, message: r.message };
    out.push(r.value);
  }
  return { ok: true, type: u.type, values: out };
}

const tooDeep = 200;

export function unifyTypesInternal(types: readonly Type[], unsafe: boolean, depth = 0): Unified | undefined {
  if (types.length === 0 || depth > tooDeep) return undefined;
  let mapCt = 0,
    listCt = 0,
    setCt = 0,
    objectCt = 0,
    tupleCt = 0,
    dynamicCt = 0;
  for (const t of types) {
    if (t.kind === "map") mapCt++;
    else if (t.kind === "list") listCt++;
    else if (t.kind === "set") setCt++;
    else if (t.kind === "object") objectCt++;
    else if (t.kind === "tuple") tupleCt++;
    else if (t.kind === "dynamic") dynamicCt++;
  }
  const n = types.length;
  const d = depth + 1;
  if (mapCt > 0 && mapCt + dynamicCt === n) return unifyCollections(mapOf, types, unsafe, dynamicCt > 0, d);
  if (mapCt > 0 && mapCt + objectCt + dynamicCt === n) {
    const r = unifyObjectsAsMaps(types, unsafe, d);
    if (r !== undefined && r.type.kind === "map") return r;
  } else if (listCt > 0 && listCt + dynamicCt === n) {
    return unifyCollections(listOf, types, unsafe, dynamicCt > 0, d);
  } else if (listCt > 0 && listCt + tupleCt + dynamicCt === n) {
    const r = unifyTuplesAsList(types, unsafe, d);
    if (r !== undefined && r.type.kind === "list") return r;
  } else if (setCt > 0 && setCt + dynamicCt === n) {
    return unifyCollections(setOf, types, unsafe, dynamicCt > 0, d);
  } else if (objectCt > 0 && objectCt + dynamicCt === n) {
    return unifyObjects(types, unsafe, dynamicCt > 0, d);
  } else if (tupleCt > 0 && tupleCt + dynamicCt === n) {
    return unifyTuples(types, unsafe, dynamicCt > 0, d);
  } else if (objectCt > 0 && tupleCt > 0) {
    return undefined;
  }

  // Only the distinct types matter, in order of first appearance (the preference order breaks ties by
  // position): sortTypes compares every pair, which for a 200,000-element list of strings is 2e10 steps.
  const distinct = distinctTypes(types);
  for (const wantIdx of sortTypes(distinct)) {
    const want = distinct[wantIdx]!;
    let all = true;
    for (let i = 0; i < distinct.length; i++) {
      if (i === wantIdx || typeEquals(distinct[i]!, want)) continue;
      if (getConversion(distinct[i]!, want, unsafe) === null) {
        all = false;
        break;
      }
    }
    if (all) return { type: want, allDynamic: false };
  }
  return undefined;
}

function distinctTypes(types: readonly Type[]): Type[] {
  const first = types[0]!;
  if (types.every((t) => t === first || (isPrimitive(t) && t.kind === first.kind))) return [first];
  // typeString is only a hash here: two types it spells alike (odd attribute names) are still compared exactly.
  const seen = new Map<string, Type[]>();
  const out: Type[] = [];
  for (const t of types) {
    const key = typeString(t);
    const same = seen.get(key);
    if (same?.some((o) => typeEquals(o, t))) continue;
    if (same === undefined) seen.set(key, [t]);
    else same.push(t);
    out.push(t);
  }
  return out;
}

const allAsDynamic: Unified = { type: DynamicPseudoType, allDynamic: true };

function result(t: Type): Unified {
  return { type: t, allDynamic: false };
}

/** Every type converts to `target` (identical types need no conversion). */
function allConvert(types: readonly Type[], target: Type, unsafe: boolean): boolean {
  return types.every((t) => typeEquals(t, target) || getConversion(t, target, unsafe) !== null);
}

function unifyCollections(
  make: (e: Type) => Type,
  types: readonly Type[],
  unsafe: boolean,
  hasDynamic: boolean,
  depth: number,
): Unified | undefined {
  if (hasDynamic) return allAsDynamic;
  const elem = unifyTypesInternal(
    types.map((t) => (t as { elem: Type }).elem),
    unsafe,
    depth,
  );
  if (elem === undefined) return undefined;
  const ret = make(elem.type);
  return allConvert(types, ret, unsafe) ? result(ret) : undefined;
}

function unifyObjectsAsMaps(types: readonly Type[], unsafe: boolean, depth: number): Unified | undefined {
  const objs = types.filter((t): t is ObjectType => t.kind === "object");
  const asMap = unifyObjectTypesToMap(objs, unsafe, depth);
  if (asMap === undefined || asMap.type.kind !== "map") return undefined;
  const mapped = types.map((t) => (t.kind === "object" ? asMap.type : t));
  const r = unifyTypesInternal(mapped, unsafe, depth);
  return r !== undefined && r.type.kind === "map" ? r : undefined;
}

function unifyTuplesAsList(types: readonly Type[], unsafe: boolean, depth: number): Unified | undefined {
  const tuples = types.filter((t): t is TupleType => t.kind === "tuple");
  const asList = unifyTupleTypesToList(tuples, unsafe, depth);
  if (asList === undefined || asList.type.kind !== "list") return undefined;
  const listed = types.map((t) => (t.kind === "tuple" ? asList.type : t));
  const r = unifyTypesInternal(listed, unsafe, depth);
  return r !== undefined && r.type.kind === "list" ? r : undefined;
}

function unifyObjects(types: readonly Type[], unsafe: boolean, hasDynamic: boolean, depth: number): Unified | undefined {
  if (hasDynamic) return allAsDynamic;
  const objs = types as readonly ObjectType[];
  const first = objs[0]!.attrs;
  for (const t of objs.slice(1)) {
    if (t.attrs.size !== first.size) return unifyObjectTypesToMap(objs, unsafe, depth);
    for (const k of t.attrs.keys()) if (!first.has(k)) return unifyObjectTypesToMap(objs, unsafe, depth);
  }
  const attrs = new Map<string, Type>();
  for (const name of first.keys()) {
    const u = unifyTypesInternal(
      objs.map((t) => t.attrs.get(name)!),
      unsafe,
      depth,
    );
    if (u === undefined) return undefined;
    attrs.set(name, u.type);
  }
  const ret: ObjectType = { kind: "object", attrs };
  return allConvert(types, ret, unsafe) ? result(ret) : unifyObjectTypesToMap(objs, unsafe, depth);
}

function unifyObjectTypesToMap(types: readonly ObjectType[], unsafe: boolean, depth: number): Unified | undefined {
  const atys: Type[] = [];
  for (const t of types) for (const a of t.attrs.values()) atys.push(a);
  const e = unifyTypesInternal(atys, unsafe, depth);
  if (e === undefined) return undefined;
  const ret = mapOf(e.type);
  return allConvert(types, ret, unsafe) ? result(ret) : undefined;
}

function unifyTuples(types: readonly Type[], unsafe: boolean, hasDynamic: boolean, depth: number): Unified | undefined {
  if (hasDynamic) return allAsDynamic;
  const tuples = types as readonly TupleType[];
  const first = tuples[0]!.elems;
  for (const t of tuples.slice(1)) {
    if (t.elems.length !== first.length) return unifyTupleTypesToList(tuples, unsafe, depth);
  }
  const elems: Type[] = [];
  for (let i = 0; i < first.length; i++) {
    const u = unifyTypesInternal(
      tuples.map((t) => t.elems[i]!),
      unsafe,
      depth,
    );
    if (u === undefined) return undefined;
    elems.push(u.type);
  }
  const ret: TupleType = { kind: "tuple", elems };
  return allConvert(types, ret, unsafe) ? result(ret) : unifyTupleTypesToList(tuples, unsafe, depth);
}

function unifyTupleTypesToList(types: readonly TupleType[], unsafe: boolean, depth: number): Unified | undefined {
  const etys: Type[] = [];
  for (const t of types) for (const e of t.elems) etys.push(e);
  const e = unifyTypesInternal(etys, unsafe, depth);
  if (e === undefined) return undefined;
  const ret = listOf(e.type);
  return allConvert(types, ret, unsafe) ? result(ret) : undefined;
}

// ---- preference order among types that are not all of one structural kind (cty's sortTypes) ----

/** <0 when a is preferred over b (b converts to a), >0 the reverse, 0 when neither is. */
export function compareTypes(a: Type, b: Type): number {
  if (a.kind === "dynamic" || b.kind === "dynamic") {
    if (a.kind !== "dynamic") return -1;
    if (b.kind !== "dynamic") return 1;
    return 0;
  }
  const prim = (t: Type) => t.kind === "string" || t.kind === "number" || t.kind === "bool";
  if (prim(a) && prim(b) && (a.kind === "string" || b.kind === "string")) {
    if (a.kind !== "string") return 1;
    if (b.kind !== "string") return -1;
    return 0;
  }
  if ((a.kind === "list" || a.kind === "set" || a.kind === "map") && a.kind === b.kind) {
    return compareTypes(a.elem, (b as { elem: Type }).elem);
  }
  let swap = 1;
  if (
    (a.kind === "tuple" && b.kind === "list") ||
    (a.kind === "object" && b.kind === "map") ||
    (a.kind === "set" && b.kind === "tuple") ||
    (a.kind === "set" && b.kind === "list")
  ) {
    [a, b] = [b, a];
    swap = -1;
  }
  if (b.kind === "set" && (a.kind === "tuple" || a.kind === "list")) return -1 * swap;
  if (a.kind === "list" && b.kind === "tuple") return -1 * swap;
  if (a.kind === "map" && b.kind === "object") return -1 * swap;
  if (a.kind === "object" && b.kind === "object") {
    if (a.attrs.size !== b.attrs.size) return 0;
    let aSuper = false,
      bSuper = false;
    for (const [k, at] of a.attrs) {
      const bt = b.attrs.get(k);
      if (bt === undefined) return 0;
      const c = compareTypes(at, bt);
      if (c < 0) aSuper = true;
      else if (c > 0) bSuper = true;
    }
    return aSuper && bSuper ? 0 : aSuper ? -1 * swap : bSuper ? swap : 0;
  }
  if (a.kind === "tuple" && b.kind === "tuple") {
    if (a.elems.length !== b.elems.length) return 0;
    let aSuper = false,
      bSuper = false;
    for (let i = 0; i < a.elems.length; i++) {
      const c = compareTypes(a.elems[i]!, b.elems[i]!);
      if (c < 0) aSuper = true;
      else if (c > 0) bSuper = true;
    }
    return aSuper && bSuper ? 0 : aSuper ? -1 * swap : bSuper ? swap : 0;
  }
  return 0;
}

/** Indices of the types, most preferred first (a topological order of compareTypes, as cty's sortTypes). */
function sortTypes(types: readonly Type[]): number[] {
  const n = types.length;
  const edges: number[][] = types.map(() => []);
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const c = compareTypes(types[i]!, types[j]!);
      if (c < 0) edges[i]!.push(j);
      else if (c > 0) edges[j]!.push(i);
    }
  }
  const inDegree = new Array<number>(n).fill(0);
  for (const outs of edges) for (const j of outs) inDegree[j]!++;
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (inDegree[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    for (const j of edges[queue[q]!]!) if (--inDegree[j]! === 0) queue.push(j);
  }
  return queue;
}

