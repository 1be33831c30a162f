// The result of the console's `type(x)`. Terraform returns a capsule value holding a cty.Type, which the
// console prints as a type expression (`number`, `list(string)`, a multi-line `object({...})`).
//
// Cairn's value model has no capsule types, so the result is a string value whose text is the type
// constraint syntax (HCL's TypeString: `object({a=number})`), and the Type itself is kept in a side table keyed
// by that exact Value object so the console can render it as Terraform does (typeOfTypeValue). A result
// that has gone through further operations (`"${type(x)}"`) is an ordinary string: a deliberate difference,
// since Terraform refuses to use a type value anywhere but as the console's final result.

import { StringType, type Type } from "../values/types.js";
import { typeConstraintString } from "../typeexpr/typestring.js";
import { Value, type Marks } from "../values/value.js";

const types = new WeakMap<Value, Type>();

export function typeValue(t: Type, marks: Marks): Value {
  const v = new Value(StringType, typeConstraintString(t), marks);
  types.set(v, t);
  return v;
}

/** The type a value returned by type(x) stands for, or undefined for any other value. */
export function typeOfTypeValue(v: Value): Type | undefined {
  return types.get(v);
}

const typeOfTypes = new WeakSet<Value>();

/** type(type(x)): Terraform's type of a type value, which the console prints as `type`. */
export function typeTypeValue(marks: Marks): Value {
  const v = new Value(StringType, "type", marks);
  typeOfTypes.add(v);
  return v;
}

export function isTypeTypeValue(v: Value): boolean {
  return typeOfTypes.has(v);
}
