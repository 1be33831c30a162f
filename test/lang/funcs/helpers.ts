// Test helpers: build values from plain JavaScript and render results back, so cases read like
// Terraform's documentation examples.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { callFunction } from "../../../lang/funcs/call.js";
import type { CallResult, FunctionTable } from "../../../lang/funcs/function.js";
import { terraformFunctions } from "../../../lang/funcs/table.js";
import { setVal } from "../../../lang/values/set.js";
import { NumberType, StringType, type Type } from "../../../lang/values/types.js";
import {
  NULL,
  NullDynamic,
  UNKNOWN,
  Value,
  boolVal,
  listVal,
  listValEmpty,
  mapVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
} from "../../../lang/values/value.js";

/** Fixtures live in the source tree; compiled tests run from dist/test/lang/funcs. */
export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), "../../../../test/lang/funcs/fixtures");

export const table: FunctionTable = terraformFunctions({
  baseDir: join(fixturesDir, "files"),
  planTimestamp: new Date("2024-01-02T03:04:05Z"),
});

export type JS = string | number | boolean | null | Value | readonly JS[] | { readonly [k: string]: JS };

/** Strings, numbers, bools, null (dynamic), arrays as tuples, objects as objects; Values pass through. */
export function v(x: JS): Value {
  if (x instanceof Value) return x;
  if (x === null) return NullDynamic;
  if (typeof x === "string") return stringVal(x);
  if (typeof x === "number") return numberVal(x);
  if (typeof x === "boolean") return boolVal(x);
  if (Array.isArray(x)) return tupleVal((x as readonly JS[]).map(v));
  return objectVal(Object.fromEntries(Object.entries(x as Record<string, JS>).map(([k, e]) => [k, v(e)])));
}

export function list(...xs: JS[]): Value {
  return listVal(xs.map(v));
}
export function strings(...xs: string[]): Value {
  return xs.length === 0 ? listValEmpty(StringType) : listVal(xs.map(v));
}
export function numbers(...xs: number[]): Value {
  return xs.length === 0 ? listValEmpty(NumberType) : listVal(xs.map(v));
}
export function set(...xs: JS[]): Value {
  return setVal(xs.map(v));
}
export function map(o: Record<string, JS>): Value {
  return mapVal(Object.fromEntries(Object.entries(o).map(([k, e]) => [k, v(e)])));
}

/** A readable rendering: JSON-like, numbers in full precision, unknowns as "(unknown)". */
export function show(x: Value): string {
  if (x.raw === UNKNOWN) return "(unknown)";
  if (x.raw === NULL) return "null";
  switch (x.type.kind) {
    case "string":
      return JSON.stringify(x.asString());
    case "number":
      return x.asNumber().toString();
    case "bool":
      return String(x.asBool());
    case "list":
    case "set":
    case "tuple":
      return `[${x.asElements().map(show).join(",")}]`;
    default:
      return `{${[...x.asEntries()].map(([k, e]) => `${JSON.stringify(k)}:${show(e)}`).join(",")}}`;
  }
}

export function call(name: string, args: readonly JS[]): CallResult {
  const spec = table.get(name);
  if (!spec) throw new Error(`test bug: no function ${name}`);
  return callFunction(name, spec, args.map(v));
}

export function typeOf(t: Type): string {
  return JSON.stringify(t, (_k, x: unknown) => (x instanceof Map ? Object.fromEntries(x) : x));
}
