// The schema a provider reports for its configuration, resource types and data sources (Terraform's
// configschema.Block), and the object type a block schema implies. The attribute/block model itself is
// config/schema.ts's, so that static validation and providers speak the same schema.
//
// Recursion in this folder follows the schema's nesting, which the provider defines and which does not
// grow with user input.

import type { AttributeSpec, BlockSpec, NestedAttributeType, NestedBlockSpec, NestingMode } from "../config/schema.js";
export { attributeConfigType, nestedAttributeType, nestedTypeAsBlock } from "../config/schema.js";
import {
  EmptyObjectVal,
  EmptyTupleVal,
  type Value,
  listValEmpty,
  mapValEmpty,
  nullVal,
  objectVal,
  setValEmpty,
} from "../lang/values/value.js";
import {
  DynamicPseudoType,
  hasDynamicTypes,
  listOf,
  mapOf,
  setOf,
  type ObjectType,
  type Type,
} from "../lang/values/types.js";

export type AttributeSchema = AttributeSpec;
export type BlockSchema = BlockSpec;
export type NestedBlockSchema = NestedBlockSpec;
export type { NestingMode, NestedAttributeType };

/** One resource type's, data source's or provider configuration's schema. */
export interface Schema {
  /** The version of the state layout; state written by an older version is upgraded by the provider (planner/plan/upgrade.ts). */
  readonly version: number;
  readonly block: BlockSchema;
}

// Schemas are fixed once a provider returns them, and the planner reads each one for every instance.
const attributeEntries = new WeakMap<BlockSchema, readonly (readonly [string, AttributeSchema])[]>();
const blockEntries = new WeakMap<BlockSchema, readonly (readonly [string, NestedBlockSchema])[]>();

export function attributesOf(block: BlockSchema): readonly (readonly [string, AttributeSchema])[] {
  let entries = attributeEntries.get(block);
  if (entries === undefined) attributeEntries.set(block, (entries = Object.entries(block.attributes ?? {})));
  return entries;
}

export function nestedBlocksOf(block: BlockSchema): readonly (readonly [string, NestedBlockSchema])[] {
  let entries = blockEntries.get(block);
  if (entries === undefined) blockEntries.set(block, (entries = Object.entries(block.blocks ?? {})));
  return entries;
}

// Made once per schema (types are immutable): decoding each prior object and each configuration asks again.
const impliedTypes = new WeakMap<BlockSchema, ObjectType>();

/**
 * The object type of values conforming to a block schema (configschema's ImpliedType): attributes with their
 * types, nested blocks as an object (single, group), list, set or map of objects. As in Terraform, a list or
 * map of blocks that contain a dynamically-typed attribute is itself dynamic (a tuple or object value), since
 * its elements may differ in type.
 */
export function impliedType(block: BlockSchema): ObjectType {
  let t = impliedTypes.get(block);
  if (t === undefined) {
    const attrs = new Map<string, Type>();
    for (const [name, a] of attributesOf(block)) attrs.set(name, a.type);
    for (const [name, nb] of nestedBlocksOf(block)) attrs.set(name, nestedBlockType(nb));
    impliedTypes.set(block, (t = { kind: "object", attrs }));
  }
  return t;
}

export function nestedBlockType(nb: NestedBlockSchema): Type {
  const obj = impliedType(nb.block);
  switch (nb.nesting) {
    case "single":
    case "group":
      return obj;
    case "list":
      return hasDynamicTypes(obj) ? DynamicPseudoType : listOf(obj);
    case "set":
      return setOf(obj);
    case "map":
      return hasDynamicTypes(obj) ? DynamicPseudoType : mapOf(obj);
  }
}

/** The attribute names whose change forces replacement, as attribute paths of one step each. */
export function forcesReplacementAttributes(block: BlockSchema): string[] {
  return attributesOf(block)
    .filter(([, a]) => a.forcesReplacement === true)
    .map(([name]) => name);
}

/**
 * An object value of the block's implied type: the given attribute and nested-block values, every other
 * attribute null and every other nested block absent (null for single, empty for collections). Handy for
 * building configuration and state values in providers and tests.
 */
export function blockValue(block: BlockSchema, given: Readonly<Record<string, Value>>): Value {
  const out = new Map<string, Value>();
  for (const [name, a] of attributesOf(block)) out.set(name, given[name] ?? nullVal(a.type));
  for (const [name, nb] of nestedBlocksOf(block)) out.set(name, given[name] ?? absentBlocks(nb));
  for (const name of Object.keys(given)) {
    if (!out.has(name)) throw new Error(`bug: "${name}" is not in the schema`);
  }
  return objectVal(out);
}

/** The value of a nested block type that appears zero times in a body. */
export function absentBlocks(nb: NestedBlockSchema): Value {
  const t = nestedBlockType(nb);
  switch (nb.nesting) {
    case "single":
      return nullVal(t);
    case "group":
      // A group block is never null: absent, it is an object of null attributes (configschema NestingGroup).
      return blockValue(nb.block, {});
    case "list":
      return t.kind === "dynamic" ? EmptyTupleVal : listValEmpty(impliedType(nb.block));
    case "set":
      return setValEmpty(impliedType(nb.block));
    case "map":
      return t.kind === "dynamic" ? EmptyObjectVal : mapValEmpty(impliedType(nb.block));
  }
}
