// Shorthand builders for value tests.
import { NumberType, StringType, type Type } from "../../../lang/values/types.js";
import {
  Value,
  boolVal,
  listValEmpty,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
} from "../../../lang/values/value.js";
import { listOf } from "../../../lang/values/types.js";

export const s = (x: string): Value => stringVal(x);
export const n = (x: number | string): Value => numberVal(x);
export const b = (x: boolean): Value => boolVal(x);
export const tup = (...xs: Value[]): Value => tupleVal(xs);
export const obj = (o: Record<string, Value>): Value => objectVal(o);
export const map = (o: Record<string, Value>): Value => mapVal(o);
export const list = (ety: Type, ...xs: Value[]): Value => (xs.length === 0 ? listValEmpty(ety) : new Value(listOf(ety), xs));
export const unk = (t: Type): Value => unknownVal(t);
export const nul = (t: Type): Value => nullVal(t);
export { NumberType, StringType };
