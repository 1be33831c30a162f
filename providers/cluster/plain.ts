// Values at the provider boundary as plain JavaScript data and back. The cluster speaks JSON objects, the
// planner speaks typed Values; each resource converts once on the way in (toPlain) and once on the way out
// (fromPlain against its schema's implied type), so resource code reads like ordinary object code.
//
// toPlain: null -> null, unknown -> undefined ("not known yet"), numbers -> JS numbers (cluster quantities
// and counts fit a double), lists/sets/tuples -> arrays, maps/objects -> records.

import { setVal } from "../../lang/values/set.js";
import type { Type } from "../../lang/values/types.js";
import {
  type Value,
  boolVal,
  listVal,
  listValEmpty,
  mapVal,
  mapValEmpty,
  nullVal,
  numberVal,
  objectVal,
  setValEmpty,
  stringVal,
  tupleVal,
  unknownVal,
} from "../../lang/values/value.js";

export type Plain = null | undefined | string | number | boolean | Plain[] | { [key: string]: Plain };
export type PlainObject = { [key: string]: Plain };

export function toPlain(v: Value): Plain {
  if (!v.isKnown()) return undefined;
  if (v.isNull()) return null;
  switch (v.type.kind) {
    case "string":
      return v.asString();
    case "number":
      return v.asNumber().toNumber();
    case "bool":
      return v.asBool();
    case "list":
    case "set":
    case "tuple":
      return v.asElements().map(toPlain);
    case "map":
    case "object": {
      const out: PlainObject = {};
      for (const [k, e] of v.asEntries()) out[k] = toPlain(e);
      return out;
    }
    case "dynamic":
      return undefined;
  }
}

/** toPlain of an object value; an empty record for null or unknown. */
export function toPlainObject(v: Value): PlainObject {
  const p = toPlain(v);
  return p !== null && typeof p === "object" && !Array.isArray(p) ? p : {};
}

/** A Value of type `t` from plain data; undefined becomes unknown, a missing object attribute null. */
export function fromPlain(p: Plain, t: Type): Value {
  if (p === undefined) return unknownVal(t);
  if (p === null) return nullVal(t);
  switch (t.kind) {
    case "string":
      return stringVal(typeof p === "string" ? p : String(p));
    case "number":
      return numberVal(typeof p === "number" ? p : Number(p));
    case "bool":
      return boolVal(p === true);
    case "list": {
      const elems = (Array.isArray(p) ? p : []).map((e) => fromPlain(e, t.elem));
      return elems.length === 0 ? listValEmpty(t.elem) : listVal(elems);
    }
    case "set": {
      const elems = (Array.isArray(p) ? p : []).map((e) => fromPlain(e, t.elem));
      return elems.length === 0 ? setValEmpty(t.elem) : setVal(elems);
    }
    case "tuple":
      return tupleVal(t.elems.map((et, i) => fromPlain(Array.isArray(p) ? p[i] : null, et)));
    case "map": {
      const rec = isRecord(p) ? p : {};
      const entries = new Map(Object.entries(rec).map(([k, e]) => [k, fromPlain(e, t.elem)] as const));
      return entries.size === 0 ? mapValEmpty(t.elem) : mapVal(entries);
    }
    case "object": {
      const rec = isRecord(p) ? p : {};
      const out = new Map<string, Value>();
      // A present-but-undefined attribute is unknown; a missing one is null.
      for (const [name, at] of t.attrs) out.set(name, fromPlain(name in rec ? rec[name] : null, at));
      return objectVal(out);
    }
    case "dynamic":
      return nullVal(t);
  }
}

export function isRecord(p: Plain | unknown): p is PlainObject {
  return p !== null && typeof p === "object" && !Array.isArray(p);
}

// Readers for plain attributes with a fallback, so resource code never handles null and undefined apart.
export const str = (p: Plain, fallback = ""): string => (typeof p === "string" ? p : fallback);
export const num = (p: Plain, fallback = 0): number => (typeof p === "number" ? p : fallback);
export const bool = (p: Plain, fallback = false): boolean => (typeof p === "boolean" ? p : fallback);
export const strList = (p: Plain): string[] => (Array.isArray(p) ? p.filter((e): e is string => typeof e === "string") : []);
export const numList = (p: Plain): number[] => (Array.isArray(p) ? p.filter((e): e is number => typeof e === "number") : []);
export const objList = (p: Plain): PlainObject[] => (Array.isArray(p) ? p.filter(isRecord) : []);
export function strMap(p: Plain): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(p)) for (const [k, v] of Object.entries(p)) if (typeof v === "string") out[k] = v;
  return out;
}

/**
 * What read reports for an optional collection attribute: the cluster does not tell "unset" from "empty",
 * so an empty result takes the prior state's form (null or empty) and plan shows no phantom change.
 */
export function emptyLikePrior<T extends Plain>(derived: T, prior: Plain): T | null {
  const empty = Array.isArray(derived) ? derived.length === 0 : isRecord(derived) ? Object.keys(derived).length === 0 : false;
  if (!empty) return derived;
  return prior === null || prior === undefined ? null : derived;
}
