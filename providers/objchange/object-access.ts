// Reading the parts of object and collection values without caring whether the container is null or
// unknown: the helpers answer with a null or unknown part of the right type, as cty's GetAttr and Index do.

import type { Type } from "../../lang/values/types.js";
import { DynamicPseudoType } from "../../lang/values/types.js";
import { NullDynamic, type Value, nullVal, unknownVal } from "../../lang/values/value.js";

function attrType(obj: Value, name: string): Type {
  return obj.type.kind === "object" ? (obj.type.attrs.get(name) ?? DynamicPseudoType) : DynamicPseudoType;
}

/** The attribute `name` of an object value; null when the object is null or lacks it, unknown when unknown. */
export function getAttr(obj: Value, name: string): Value {
  if (!obj.isKnown()) return unknownVal(attrType(obj, name));
  if (obj.isNull()) return nullVal(attrType(obj, name));
  const v = obj.raw instanceof Map ? obj.raw.get(name) : undefined;
  return v ?? NullDynamic;
}

/** The elements of a known, non-null list, set or tuple; [] otherwise. */
export function elementsOf(v: Value): readonly Value[] {
  return v.isKnown() && !v.isNull() && Array.isArray(v.raw) ? v.asElements() : [];
}

/** The entries of a known, non-null map or object; empty otherwise. */
export function entriesOf(v: Value): ReadonlyMap<string, Value> {
  return v.isKnown() && !v.isNull() && v.raw instanceof Map ? v.asEntries() : new Map();
}

/** A known, non-null value, or undefined: "is there a prior object to take values from". */
export function present(v: Value | undefined): Value | undefined {
  return v !== undefined && v.isKnown() && !v.isNull() ? v : undefined;
}
