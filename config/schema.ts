// The provider schema types (attributes and nested blocks; providers/ re-exports them as its schema model,
// see providers/schema.ts) and the BodySchema derived from them to decode a resource body through
// SyntaxBody.content(). Kept here, not in providers/, so that static validation needs no provider code.

import type { BodySchema } from "../lang/body.js";
import type { Type } from "../lang/values/types.js";

export interface AttributeSpec {
  readonly type: Type;
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
