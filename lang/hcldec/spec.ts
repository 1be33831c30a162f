// Decoder specifications (HCL's hcldec.Spec): a tree describing which attributes and blocks of a body to
// read and how to shape them into one value. The specification suite describes each case's expected
// decoding with these, written in hcldec's spec-file language (spec-file.ts).

import type { AttributeSchema, BlockHeaderSchema, BodySchema } from "../body.js";
import type { Expression } from "../syntax/ast.js";
import {
  EmptyObjectType,
  EmptyTupleType,
  DynamicPseudoType,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  type Type,
} from "../values/types.js";
import type { Value } from "../values/value.js";
import type { EvalContext } from "../eval/context.js";

export type Spec =
  | { readonly kind: "object"; readonly attrs: ReadonlyMap<string, Spec> }
  | { readonly kind: "tuple"; readonly elems: readonly Spec[] }
  | { readonly kind: "attr"; readonly name: string; readonly type: Type; readonly required: boolean }
  | { readonly kind: "literal"; readonly value: Value }
  | { readonly kind: "expr"; readonly expr: Expression }
  | { readonly kind: "block"; readonly typeName: string; readonly nested: Spec; readonly required: boolean }
  | {
      readonly kind: "block_list" | "block_set";
      readonly typeName: string;
      readonly nested: Spec;
      readonly minItems: number;
      readonly maxItems: number;
    }
  | { readonly kind: "block_map"; readonly typeName: string; readonly labelNames: readonly string[]; readonly nested: Spec }
  | { readonly kind: "block_attrs"; readonly typeName: string; readonly elementType: Type; readonly required: boolean }
  | { readonly kind: "default"; readonly primary: Spec; readonly fallback: Spec }
  | {
      readonly kind: "transform";
      readonly wrapped: Spec;
      readonly expr: Expression;
      /** The scope the transform expression sees, plus `varName` bound to the wrapped value. */
      readonly ctx: EvalContext | undefined;
      readonly varName: string;
    };

/** The type of the value a spec decodes to (hcldec.ImpliedType). */
export function impliedType(spec: Spec, transformType: (s: Extract<Spec, { kind: "transform" }>) => Type): Type {
  const self = (s: Spec): Type => impliedType(s, transformType);
  switch (spec.kind) {
    case "object": {
      if (spec.attrs.size === 0) return EmptyObjectType;
      const attrs = new Map<string, Type>();
      for (const [k, s] of spec.attrs) attrs.set(k, self(s));
      return objectOf(attrs);
    }
    case "tuple":
      return spec.elems.length === 0 ? EmptyTupleType : tupleOf(spec.elems.map(self));
    case "attr":
      return spec.type;
    case "literal":
      return spec.value.type;
    case "expr":
      return DynamicPseudoType;
    case "block":
      return self(spec.nested);
    case "block_list":
      return listOf(self(spec.nested));
    case "block_set":
      return setOf(self(spec.nested));
    case "block_map": {
      let t = self(spec.nested);
      for (let i = 0; i < spec.labelNames.length; i++) t = mapOf(t);
      return t;
    }
    case "block_attrs":
      return mapOf(spec.elementType);
    case "default":
      return self(spec.primary);
    case "transform":
      return transformType(spec);
  }
}

/** Specs that read from the same body as their parent (hcldec's visitSameBodyChildren). */
export function sameBodyChildren(spec: Spec): readonly Spec[] {
  switch (spec.kind) {
    case "object":
      return [...spec.attrs.values()];
    case "tuple":
      return spec.elems;
    case "default":
      return [spec.primary, spec.fallback];
    case "transform":
      return [spec.wrapped];
    default:
      return [];
  }
}

function attrSchemata(spec: Spec): AttributeSchema[] {
  switch (spec.kind) {
    case "attr":
      return [{ name: spec.name, required: spec.required }];
    case "default":
      return [...attrSchemata(spec.primary), ...attrSchemata(spec.fallback)];
    default:
      return [];
  }
}

function blockSchemata(spec: Spec): BlockHeaderSchema[] {
  switch (spec.kind) {
    case "block":
    case "block_list":
    case "block_set":
    case "block_attrs":
      return [{ type: spec.typeName }];
    case "block_map":
      return [{ type: spec.typeName, labelNames: spec.labelNames }];
    case "default":
      return blockSchemata(spec.primary);
    default:
      return [];
  }
}

/** The body schema a spec reads (hcldec.ImpliedSchema). */
export function impliedSchema(spec: Spec): BodySchema {
  const attributes: AttributeSchema[] = [];
  const blocks: BlockHeaderSchema[] = [];
  // Spec trees come from spec files nested a handful of levels; an explicit stack keeps it iterative anyway.
  const stack: Spec[] = [spec];
  for (;;) {
    const s = stack.pop();
    if (s === undefined) break;
    attributes.push(...attrSchemata(s));
    blocks.push(...blockSchemata(s));
    const children = sameBodyChildren(s);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { attributes, blocks };
}
