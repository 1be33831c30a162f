// The JSON-shaped values Terraform's renderer works on (it renders from the JSON plan): null, booleans,
// strings, numbers kept as their exact text, arrays and objects. Absent and null are both `null`; whether a
// key or index was present travels separately as an "explicit" flag. The same shape carries the unknown and
// sensitive "meta" trees (`true`, or arrays/objects of them).

export class JsonNumber {
  constructor(readonly text: string) {}
}

export type Generic = null | boolean | string | JsonNumber | GenericArray | GenericObject;
export type GenericArray = readonly Generic[];
export type GenericObject = ReadonlyMap<string, Generic>;

export type JsonKind = "null" | "bool" | "string" | "number" | "object" | "array";

export function isArray(g: Generic): g is GenericArray {
  return Array.isArray(g);
}
export function isObject(g: Generic): g is GenericObject {
  return g instanceof Map;
}

export function jsonKind(g: Generic): JsonKind {
  if (g === null) return "null";
  if (typeof g === "boolean") return "bool";
  if (typeof g === "string") return "string";
  if (g instanceof JsonNumber) return "number";
  if (isArray(g)) return "array";
  return "object";
}

/** reflect.DeepEqual over decoded JSON: numbers compare by their text, as json.Number does. */
export function deepEqual(a: Generic, b: Generic): boolean {
  if (a === b) return true;
  if (a instanceof JsonNumber) return b instanceof JsonNumber && a.text === b.text;
  if (isArray(a)) {
    if (!isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i]!, b[i]!)) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !deepEqual(v, b.get(k)!)) return false;
    }
    return true;
  }
  return false;
}

/** The value as an array, or null when it is not one (structured.genericToSlice). */
export function asArray(g: Generic): GenericArray | null {
  return isArray(g) ? g : null;
}
/** The value as an object, or null when it is not one (structured.genericToMap). */
export function asObject(g: Generic): GenericObject | null {
  return isObject(g) ? g : null;
}

/** Sorted keys, as Go's sort.Strings orders them (byte order; UTF-16 order agrees outside astral planes). */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
