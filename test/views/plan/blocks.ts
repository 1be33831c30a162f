// Objects shaped by a block schema, for resource values in test cases.

import type { BlockSpec } from "../../../config/schema.js";
import { type Type, listOf, mapOf, objectOf, setOf } from "../../../lang/values/types.js";
import { listValEmpty, mapValEmpty } from "../../../lang/values/value.js";
import { setValEmpty } from "../../../lang/values/set.js";
import { thingSchema } from "./helpers.js";
import { type Value, nullVal, objectVal } from "../../../lang/values/value.js";

function impliedType(spec: BlockSpec): Type {
  const attrs: Record<string, Type> = {};
  for (const [k, a] of Object.entries(spec.attributes ?? {})) attrs[k] = a.type;
  for (const [k, nb] of Object.entries(spec.blocks ?? {})) {
    const t = impliedType(nb.block);
    attrs[k] = nb.nesting === "list" ? listOf(t) : nb.nesting === "set" ? setOf(t) : nb.nesting === "map" ? mapOf(t) : t;
  }
  return objectOf(attrs);
}

/** An object of the block's type: given attributes, the rest null (attributes) or empty (repeated blocks). */
export function block(spec: BlockSpec, given: Record<string, Value>): Value {
  const entries: Record<string, Value> = {};
  for (const [k, a] of Object.entries(spec.attributes ?? {})) entries[k] = given[k] ?? nullVal(a.type);
  for (const [k, nb] of Object.entries(spec.blocks ?? {})) {
    const t = impliedType(nb.block);
    entries[k] =
      given[k] ??
      (nb.nesting === "list" ? listValEmpty(t) : nb.nesting === "set" ? setValEmpty(t) : nb.nesting === "map" ? mapValEmpty(t) : nullVal(t));
  }
  return objectVal(entries);
}

/** A test_thing object (see thingSchema). */
export const thing = (given: Record<string, Value>): Value => block(thingSchema, given);
export const nested = (name: string, given: Record<string, Value>): Value => block(thingSchema.blocks![name]!.block, given);
