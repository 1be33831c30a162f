// Shorthands for building planner Values in test cases.

import { StringType, DynamicPseudoType, NumberType } from "../../../lang/values/types.js";
import { type Value, listVal, mapVal, numberVal, objectVal, stringVal, unknownVal, nullVal, boolVal } from "../../../lang/values/value.js";
import { setVal } from "../../../lang/values/set.js";

export const s = stringVal;
export const n = numberVal;
export const b = boolVal;
export const obj = objectVal;
export const list = (...e: Value[]): Value => listVal(e);
export const set = (...e: Value[]): Value => setVal(e);
export const map = (m: Record<string, Value>): Value => mapVal(m);
export const unknownString = unknownVal(StringType);
export const unknownNumber = unknownVal(NumberType);
export const unknownAny = unknownVal(DynamicPseudoType);
export const nullString = nullVal(StringType);
export const nullNumber = nullVal(NumberType);
export const secret = (v: Value): Value => v.mark("sensitive");

/** A terraform_data object. */
export function tfData(p: { id?: Value; input?: Value; output?: Value; triggers?: Value }): Value {
  return objectVal({
    id: p.id ?? unknownString,
    input: p.input ?? nullVal(DynamicPseudoType),
    output: p.output ?? unknownAny,
    triggers_replace: p.triggers ?? nullVal(DynamicPseudoType),
  });
}
