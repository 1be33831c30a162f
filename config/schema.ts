// The provider schema types (attributes and nested blocks; providers/ re-exports them as its schema model,
// see providers/schema.ts) and the BodySchema derived from them to decode a resource body through
// SyntaxBody.content(). Kept here, not in providers/, so that static validation needs no provider code.

import type { BodySchema } from "../lang/body.js";
import { listOf, mapOf, objectOf, objectWithOptional, setOf, type Type } from "../lang/values/types.js";

export interface AttributeSpec {
  /** The attribute's value type; for an attribute with a `nestedType`, the type that implies (nestedAttributeType). */
  readonly type: Type;
  /**
   * Set for an attribute whose value is an object, or a list, set or map of objects, with attributes of their
   * own (protocol 6's `nested_type`, Terraform's configschema.Object): written `a = { x = 1 }` or
   * `a = [{ x = 1 }]`, each nested attribute with its own required, optional, computed and sensitive flags.
   */
  readonly nestedType?: NestedAttributeType;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  /**
   * A change to this attribute replaces the object instead of updating it (Cairn's addition: the plan can
   * mark `# forces replacement` without a provider round trip; providers may also return requiresReplace
   * paths from planResourceChange).
   */
  readonly forcesReplacement?: boolean;
}

export type NestingMode = "single" | "group" | "list" | "set" | "map";

/** The nested object type of an attribute (configschema.Object): its attributes and how objects nest. */
export interface NestedAttributeType {
  readonly nesting: "single" | "list" | "set" | "map";
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  /** Protocol 6 carries these for lists and sets; Terraform itself no longer checks them for attributes. */
  readonly minItems?: number;
  readonly maxItems?: number;
}

/**
 * An attribute of a nested object type: its value type (configschema.Object.ImpliedType), which is what
 * goes in `type`. Objects, then the collection the nesting mode makes of them.
 */
export function nestedAttributeType(nested: NestedAttributeType): Type {
  return nestCollection(nested.nesting, objectOf(Object.fromEntries(Object.entries(nested.attributes).map(([n, a]) => [n, a.type]))));
}

const asBlocks = new WeakMap<NestedAttributeType, NestedBlockSpec>();

/**
 * A nested attribute type seen as a nested block of attributes only: the two nest objects the same way, so
 * what walks values by schema (proposed new state, sensitive marks, plan checks) treats both alike.
 */
export function nestedTypeAsBlock(nested: NestedAttributeType): NestedBlockSpec {
  let b = asBlocks.get(nested);
  if (b === undefined) {
    b = { nesting: nested.nesting, block: { attributes: nested.attributes } };
    asBlocks.set(nested, b);
  }
  return b;
}

const configTypes = new WeakMap<AttributeSpec, Type>();

/**
 * The type a configuration value for the attribute is converted to: its type, except that in a nested
 * object type every attribute that is not required may be left out (configschema.Object's specType, an
 * object type with optional attributes); conversion fills those with null.
 */
export function attributeConfigType(a: AttributeSpec): Type {
  if (a.nestedType === undefined) return a.type;
  let t = configTypes.get(a);
  if (t === undefined) {
    t = nestedConfigType(a.nestedType);
    configTypes.set(a, t);
  }
  return t;
}

function nestedConfigType(nested: NestedAttributeType): Type {
  const entries = Object.entries(nested.attributes);
  const obj = objectWithOptional(
    Object.fromEntries(entries.map(([n, a]) => [n, attributeConfigType(a)])),
    entries.filter(([, a]) => a.required !== true).map(([n]) => n),
  );
  return nestCollection(nested.nesting, obj);
}

function nestCollection(nesting: NestedAttributeType["nesting"], obj: Type): Type {
  switch (nesting) {
    case "single":
      return obj;
    case "list":
      return listOf(obj);
    case "set":
      return setOf(obj);
    case "map":
      return mapOf(obj);
  }
}

export interface NestedBlockSpec {
  readonly nesting: NestingMode;
  readonly block: BlockSpec;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface BlockSpec {
  readonly attributes?: Readonly<Record<string, AttributeSpec>>;
  readonly blocks?: Readonly<Record<string, NestedBlockSpec>>;
}

// Every resource instance is decoded with its type's schema (3,645 instances in a plan of nested modules):
// derive each block's decoding schema once. Provider schemas are built once and never changed.
const derived = new WeakMap<BlockSpec, BodySchema>();

/** The decoding schema of a block: computed-only attributes cannot be set, so they are not in it. */
export function bodySchemaFor(spec: BlockSpec): BodySchema {
  let schema = derived.get(spec);
  if (schema === undefined) {
    schema = deriveBodySchema(spec);
    derived.set(spec, schema);
  }
  return schema;
}

const withDynamic = new WeakMap<BlockSpec, BodySchema>();

/** bodySchemaFor's schema with `dynamic` blocks accepted too (a resource or provider body). */
export function bodySchemaWithDynamicFor(spec: BlockSpec): BodySchema {
  let schema = withDynamic.get(spec);
  if (schema === undefined) {
    const plain = bodySchemaFor(spec);
    schema = { ...plain, blocks: [...(plain.blocks ?? []), { type: "dynamic", labelNames: ["type"] }] };
    withDynamic.set(spec, schema);
  }
  return schema;
}

function deriveBodySchema(spec: BlockSpec): BodySchema {
  const attributes = Object.entries(spec.attributes ?? {})
    .filter(([, a]) => a.required === true || a.optional === true)
    .map(([name, a]) => ({ name, required: a.required === true }));
  const blocks = Object.entries(spec.blocks ?? {}).map(([type, b]) => ({
    type,
    ...(b.nesting === "map" ? { labelNames: ["key"] } : {}),
  }));
  return { attributes, blocks };
}
